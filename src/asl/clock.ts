import type { Clock } from "./types.js";

function abortError(): Error {
  const e = new Error("aborted");
  e.name = "AbortError";
  return e;
}

/** Real time: `Date.now()` and `setTimeout`. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(abortError());
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        clearTimeout(timer);
        reject(abortError());
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      }, ms);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  },
};

/**
 * A virtual clock for tests: `sleep(ms)` resolves on the next microtask turn and moves
 * `now()` forward so that it is at least `ms` later than when the sleep began (sleeps
 * that overlap, as in Parallel branches, share the elapsed time instead of adding up).
 * `advance(ms)` moves time forward explicitly. Wait and Retry thus take no real time.
 */
export function manualClock(startMs = Date.UTC(2026, 0, 1)): Clock & {
  advance(ms: number): Promise<void>;
} {
  let now = startMs;
  return {
    now: () => now,
    async sleep(ms: number, signal?: AbortSignal): Promise<void> {
      if (signal?.aborted) throw abortError();
      const target = now + Math.max(0, ms);
      await Promise.resolve();
      if (signal?.aborted) throw abortError();
      if (target > now) now = target;
    },
    async advance(ms: number): Promise<void> {
      now += ms;
      await Promise.resolve();
    },
  };
}
