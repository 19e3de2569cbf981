import { Gate } from './gate';

describe('Gate', () => {
  it('never runs more than its limit at once, runs every task, in arrival order, and survives failures', async () => {
    const gate = new Gate(2);
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    const task = (n: number) => async () => {
      running++;
      peak = Math.max(peak, running);
      order.push(n);
      await new Promise((r) => setTimeout(r, 5));
      running--;
      if (n === 3) throw new Error('boom');
      return n;
    };
    const results = await Promise.allSettled(Array.from({ length: 8 }, (_, n) => gate.run(task(n))));
    expect(peak).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled', 'fulfilled']);
    // Free again afterwards.
    expect(await gate.run(async () => 'done')).toBe('done');
  });
});
