// One temporary directory for the whole test run: every test file (and every engine, Lambda and
// CLI process it starts) gets it as TMPDIR, and it is removed when the run ends — scratch homes a
// test forgets, or cannot remove because a process it killed still held them, go with it.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), "contabanco-tests-"));
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = dir;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    rmSync(dir, { recursive: true, force: true });
  };
}
