// Small pieces the benchmarks share: free ports (the tests' own), waiting for a server, a pool
// of concurrent workers, percentiles.
export { freePort } from "../../test/support/net.js";

export async function waitUntilAnswers(url: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    try {
      await fetch(url, { method: "GET", signal: AbortSignal.timeout(500) });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error(`nothing answers at ${url}`);
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export async function pool(total: number, concurrency: number, fn: (i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (;;) {
        const i = next++;
        if (i >= total) return;
        await fn(i);
      }
    }),
  );
}
