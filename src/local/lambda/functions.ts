// Persistence of functions under <home>/lambda: <name>/function.json (configuration, versions,
// tags), <name>/<sha256 hex>.zip (each deployed package) and <name>/<sha256 hex>/ (extracted).
// Everything is kept in memory too: the engine is the only writer of its data directory.
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { codeDirName, extractCode } from "./code.js";
import type { StoredFunction } from "./config.js";

let tmpCounter = 0;

/** Writes a file atomically: a temporary sibling, then a rename over the target. */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const tmp = `${path}.tmp-${process.pid}-${tmpCounter++}`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

export class FunctionStore {
  private readonly functions = new Map<string, StoredFunction>();

  constructor(readonly root: string) {
    mkdirSync(root, { recursive: true });
    // A package.json boundary: handler files are CommonJS unless their own package says
    // otherwise, whatever package encloses the data directory (as in /var/task on Lambda).
    const boundary = join(root, "package.json");
    if (!existsSync(boundary)) writeFileAtomic(boundary, '{"type":"commonjs"}\n');
    for (const name of readdirSync(root)) {
      const file = join(root, name, "function.json");
      if (!existsSync(file)) continue;
      try {
        this.functions.set(name, JSON.parse(readFileSync(file, "utf8")) as StoredFunction);
      } catch {
        // A function.json is only ever replaced by rename; an unreadable one is skipped.
      }
    }
  }

  get(name: string): StoredFunction | undefined {
    return this.functions.get(name);
  }

  list(): StoredFunction[] {
    return [...this.functions.values()].sort((a, b) =>
      a.latest.FunctionName < b.latest.FunctionName ? -1 : 1,
    );
  }

  save(fn: StoredFunction): void {
    const dir = join(this.root, fn.latest.FunctionName);
    mkdirSync(dir, { recursive: true });
    writeFileAtomic(join(dir, "function.json"), `${JSON.stringify(fn, null, 2)}\n`);
    this.functions.set(fn.latest.FunctionName, fn);
  }

  saveZip(name: string, sha256: string, zip: Uint8Array): void {
    const dir = join(this.root, name);
    mkdirSync(dir, { recursive: true });
    const path = this.zipPath(name, sha256);
    if (!existsSync(path)) writeFileAtomic(path, zip);
  }

  zipPath(name: string, sha256: string): string {
    return join(this.root, name, `${codeDirName(sha256)}.zip`);
  }

  readZip(name: string, sha256: string): Buffer {
    return readFileSync(this.zipPath(name, sha256));
  }

  /** The directory holding the extracted package (extracted on first use). */
  codeDir(name: string, sha256: string): string {
    const dir = join(this.root, name, codeDirName(sha256));
    if (existsSync(dir)) return dir;
    return extractCode(dir, this.readZip(name, sha256));
  }

  delete(name: string): void {
    this.functions.delete(name);
    rmSync(join(this.root, name), { recursive: true, force: true });
  }
}
