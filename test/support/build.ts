// Tests and benchmarks that run the built CLI (`node bin/contabanco.js`) or read dist/: where the
// repository is, and a build only when dist is missing or older than src/ and assets/.
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The repository root (tests run from source; bundled callers pass their own root). */
export const ROOT = new URL("../..", import.meta.url).pathname;
/** The launcher users run. */
export const LAUNCHER = join(ROOT, "bin", "contabanco.js");

function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

function isStale(): boolean {
  let builtAt = 0;
  try {
    builtAt = statSync(join(ROOT, "dist", "cli", "main.js")).mtimeMs;
  } catch {}
  return builtAt < Math.max(newest(join(ROOT, "src")), newest(join(ROOT, "assets")));
}

function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Builds only when dist is missing or older than src/assets (`npm test` builds first). Test files
 * run in parallel: one builds while the others wait (a lock directory), so that no test runs the
 * CLI while dist is being rewritten.
 */
export function buildIfStale(): void {
  if (!isStale()) return;
  const lock = join(tmpdir(), `contabanco-build-${Buffer.from(ROOT).toString("hex").slice(-24)}`);
  for (let waited = 0; ; waited += 200) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Another file is building; a lock older than two minutes is left over from a crash.
      if (waited > 120_000) rmSync(lock, { recursive: true, force: true });
      pause(200);
    }
  }
  try {
    if (isStale()) execFileSync("npm", ["run", "build"], { cwd: ROOT, stdio: "pipe" });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
