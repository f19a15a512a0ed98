import type { Clock } from "./types.js";

function abortError(): Error {
  const e = new Error("aborted");
  e.name = "AbortError";
  return e;
}

function realSleep(ms: number, signal?: AbortSignal): Promise<void> {
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
}

/** Real time: `Date.now()` and `setTimeout`. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: realSleep,
  timer: realSleep,
};

interface Pending {
  at: number;
  resolve(): void;
}

/**
 * A virtual clock for tests; no real time passes.
 * - `sleep(ms)` (Wait states, Retry intervals: the workflow itself waiting) moves `now()`
 *   forward by `ms` right away — a step at a time, so timers due earlier fire first.
 *   Sleeps that overlap (Parallel branches) share the elapsed time instead of adding up.
 * - `timer(ms)` (TimeoutSeconds, the execution's TimeoutSeconds: deadlines racing real
 *   work) resolves only when `now()` reaches it, through a sleep or `advance(ms)`. So a
 *   task doing real I/O is never timed out by virtual time it did not spend.
 */
export function manualClock(startMs = Date.UTC(2026, 0, 1)): Clock & {
  advance(ms: number): Promise<void>;
} {
  let now = startMs;
  const pending: Pending[] = [];
  const fireDue = () => {
    pending.sort((a, b) => a.at - b.at);
    while (pending.length > 0 && pending[0].at <= now) pending.shift()!.resolve();
  };
  return {
    now: () => now,
    async sleep(ms: number, signal?: AbortSignal): Promise<void> {
      if (signal?.aborted) throw abortError();
      const target = now + Math.max(0, ms);
      await Promise.resolve();
      for (;;) {
        if (signal?.aborted) throw abortError();
        pending.sort((a, b) => a.at - b.at);
        const next = pending[0];
        if (next === undefined || next.at > target) break;
        if (next.at > now) now = next.at;
        fireDue();
        // Let whoever waited on the timer react (e.g. abort this sleep) before going on.
        for (let i = 0; i < 5; i++) await Promise.resolve();
      }
      if (signal?.aborted) throw abortError();
      if (target > now) now = target;
      fireDue();
    },
    timer(ms: number, signal?: AbortSignal): Promise<void> {
      if (signal?.aborted) return Promise.reject(abortError());
      return new Promise((resolve, reject) => {
        const entry: Pending = {
          at: now + Math.max(0, ms),
          resolve: () => {
            signal?.removeEventListener("abort", onAbort);
            resolve();
          },
        };
        const onAbort = () => {
          const i = pending.indexOf(entry);
          if (i >= 0) pending.splice(i, 1);
          reject(abortError());
        };
        signal?.addEventListener("abort", onAbort, { once: true });
        pending.push(entry);
        if (entry.at <= now) fireDue();
      });
    },
    async advance(ms: number): Promise<void> {
      now += ms;
      fireDue();
      await Promise.resolve();
    },
  };
}
