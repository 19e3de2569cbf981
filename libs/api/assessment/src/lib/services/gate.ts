/**
 * At most `limit` tasks run at once; the rest wait in order, in memory. Keeps heavy transactions
 * (starts, finishes) from taking every pooled connection in a spike, so the cheap saves that
 * share the pool keep flowing and nothing fails waiting for a connection.
 */
export class Gate {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running++;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      // The slot passes straight to the next waiter, so a newcomer cannot overtake it.
      if (next) next();
      else this.running--;
    }
  }
}
