// Tests that run the built CLI (`node bin/contabanco.js`): build only when dist is missing or
// older than src/assets (`npm test` builds first, so this is for running one file alone).
import { execFileSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

export const ROOT = new URL("../../..", import.meta.url).pathname;
export const LAUNCHER = join(ROOT, "bin", "contabanco.js");

function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

export function ensureBuilt(): void {
  let builtAt = 0;
  try {
    builtAt = statSync(join(ROOT, "dist", "cli", "main.js")).mtimeMs;
  } catch {}
  if (builtAt < Math.max(newest(join(ROOT, "src")), newest(join(ROOT, "assets")))) {
    execFileSync("npm", ["run", "build"], { cwd: ROOT, stdio: "pipe" });
  }
}
