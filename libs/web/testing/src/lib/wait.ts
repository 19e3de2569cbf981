import type { HttpTestingController, TestRequest } from '@angular/common/http/testing';
import type { ComponentFixture } from '@angular/core/testing';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits until the screen is stable and renders it; with `pauseMs`, also lets that much real time
 * pass (a chart or a debounce on a timer) and renders again.
 */
export async function settled(fixture: ComponentFixture<unknown>, pauseMs = 0): Promise<void> {
  await fixture.whenStable();
  fixture.detectChanges();
  if (pauseMs) {
    await sleep(pauseMs);
    fixture.detectChanges();
  }
}

export interface WaitOptions {
  /** Re-renders before each try: a fixture, or a function. */
  render?: { detectChanges(): void } | (() => void);
  /** 10 s unless given: a loaded machine is slow, and only a failing test waits that long. */
  timeoutMs?: number;
}

function renderer(render: WaitOptions['render']): () => void {
  if (!render) return () => undefined;
  return typeof render === 'function' ? render : () => render.detectChanges();
}

/**
 * Polls `probe` in real time until it gives something truthy, and returns that. Timers, reloads
 * and IndexedDB finish later on a loaded machine than a fixed sleep would allow.
 */
export async function until<T>(probe: () => T | null | undefined | false, options: WaitOptions = {}, failure = 'condition not met'): Promise<T> {
  const render = renderer(options.render);
  const timeoutMs = options.timeoutMs ?? 10_000;
  const end = Date.now() + timeoutMs;
  for (;;) {
    render();
    const value = probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`${failure} within ${timeoutMs} ms`);
    await sleep(10);
  }
}

/**
 * The next request to `url` (a GET unless `method` says otherwise), waiting for it: polling,
 * resource reloads and the exam journal send theirs after a timer or on the next change detection,
 * so waiting for stability would wait for that very request. Requests a reload cancelled are passed
 * over; two live ones at once fail the test.
 */
export function nextRequest(backend: HttpTestingController, url: string, options: WaitOptions & { method?: string } = {}): Promise<TestRequest> {
  const what = `${options.method ?? 'GET'} ${url}`;
  return until(
    () => {
      const live = backend.match({ method: options.method ?? 'GET', url }).filter((r) => !r.cancelled);
      if (live.length > 1) throw new Error(`${live.length} requests to ${what}, expected one`);
      return live[0];
    },
    options,
    `no request to ${what}`,
  );
}
