// Loads the bundled program (dist/cli/*.cjs, made by scripts/build.mjs) with V8's code cache, so
// that a command does not parse and compile the same ~1 MB of JavaScript (commander, the AWS SDK)
// on every run. Node 20 has no code cache for ES modules (module.enableCompileCache is Node ≥ 22.1),
// but it has one for scripts: `new vm.Script(source, { cachedData })`, and
// `script.createCachedData()` taken after the program ran also holds the functions it compiled
// lazily (https://nodejs.org/docs/latest-v20.x/api/vm.html#scriptcreatecacheddata).
//
// The build turns each of esbuild's ESM chunks into a script whose whole text is one function
// expression, `(function (exports, require, module, __contabancoImport, __contabancoUrl) { … })`:
// static imports became `require("./chunk-X.js")`, `import("…")` became `__contabancoImport("…")`
// (a script compiled from a code cache loses Node's dynamic-import callback on Node 20) and
// `import.meta.url` became `__contabancoUrl`. This module supplies those five names.
//
// The cache is an optimization only: a missing, unreadable, damaged, stale or rejected cache means
// the script is compiled from source, and a cache that cannot be written is not written. Nothing
// here prints anything. Each cache file starts with the CRC-32 of the V8 data after it: V8 checks
// the data's version, flags and length, but a release build does not checksum it (a flipped byte
// of the same length is accepted), so the loader does. Without zlib.crc32 (Node < 20.15) there is
// no cache.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire, isBuiltin } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Script } from "node:vm";
import * as zlib from "node:zlib";

/** What a script file evaluates to (see the header). */
type ScriptFunction = (
  exports: Record<string, unknown>,
  require: (specifier: string) => unknown,
  module: { exports: Record<string, unknown> },
  importModule: (specifier: string) => Promise<unknown>,
  url: string,
) => void;

export interface ScriptLoaderOptions {
  /** The directory of the program's scripts (dist/cli). */
  dir: string;
  /** Where compiled code is kept between runs; absent: no cache. */
  cacheDir?: string;
}

interface Loaded {
  module: { exports: Record<string, unknown> };
  script: Script;
  /** Compiled from source: no cache, or V8 refused the one it had. */
  compiled: boolean;
}

/** `./chunk-X.js` (how the chunks name each other) → `chunk-X.cjs`; undefined for anything else. */
function scriptFile(specifier: string): string | undefined {
  const match = /^\.\/([\w.-]+)\.js$/.exec(specifier);
  return match ? `${match[1]}.cjs` : undefined;
}

/** What `import("node:x")` resolves to, from the CommonJS module (getters: nothing is read early). */
function builtinNamespace(exports: Record<string, unknown>): Record<string, unknown> {
  const namespace: Record<string, unknown> = Object.create(null);
  for (const key of Object.keys(exports)) {
    Object.defineProperty(namespace, key, { enumerable: true, get: () => exports[key] });
  }
  namespace.default = exports;
  return namespace;
}

export class ScriptLoader {
  private readonly loaded = new Map<string, Loaded>();
  private readonly nodeRequire: NodeJS.Require;

  private readonly dir: string;
  private readonly dirUrl: string;
  private readonly cacheDir: string | undefined;

  constructor(options: ScriptLoaderOptions) {
    this.dir = options.dir;
    // Script names are [\w.-]+ (scriptFile): the directory's URL plus the name is the file's URL.
    this.dirUrl = pathToFileURL(join(options.dir, "/")).href;
    this.cacheDir = typeof zlib.crc32 === "function" ? options.cacheDir : undefined;
    this.nodeRequire = createRequire(join(options.dir, "main.cjs"));
  }

  /** The exports of script `file` (e.g. `main.cjs`), running it on first use (CommonJS-like). */
  load(file: string): Record<string, unknown> {
    const done = this.loaded.get(file);
    if (done) return done.module.exports;
    const path = join(this.dir, file);
    const source = readFileSync(path, "utf8");
    const cachedData = this.readCache(file);
    const script = new Script(source, { filename: path, cachedData });
    const module = { exports: {} as Record<string, unknown> };
    this.loaded.set(file, {
      module,
      script,
      compiled: cachedData === undefined || script.cachedDataRejected === true,
    });
    const url = this.dirUrl + file;
    const fn = script.runInThisContext() as ScriptFunction;
    fn(
      module.exports,
      (s) => this.require(s),
      module,
      (s) => this.importModule(s, url),
      url,
    );
    return module.exports;
  }

  /** The scripts loaded so far, and which of them were compiled from source. */
  stats(): { loaded: string[]; compiled: string[] } {
    const loaded = [...this.loaded.keys()];
    return { loaded, compiled: loaded.filter((f) => this.loaded.get(f)?.compiled) };
  }

  /**
   * Writes the code cache of the loaded scripts: of those compiled from source, or of all of them
   * when `all` (their functions compiled in this run are then added to what the cache held).
   * Best effort: a cache directory that cannot be written is skipped.
   */
  saveCache(all = false): number {
    const dir = this.cacheDir;
    if (!dir) return 0;
    let written = 0;
    try {
      mkdirSync(dir, { recursive: true });
      for (const [file, entry] of this.loaded) {
        if (!all && !entry.compiled) continue;
        // Written beside and renamed: a concurrent reader sees the old file or the new one.
        const target = join(dir, `${file}.v8`);
        const temp = `${target}.${process.pid}.tmp`;
        const data = entry.script.createCachedData();
        const header = Buffer.alloc(4);
        header.writeUInt32LE(zlib.crc32(data));
        writeFileSync(temp, Buffer.concat([header, data]));
        renameSync(temp, target);
        written++;
      }
    } catch {
      // read-only or vanished cache directory: the next run compiles from source again
    }
    return written;
  }

  private readCache(file: string): Buffer | undefined {
    if (!this.cacheDir) return undefined;
    let stored: Buffer;
    try {
      stored = readFileSync(join(this.cacheDir, `${file}.v8`));
    } catch {
      return undefined;
    }
    const data = stored.subarray(4);
    return stored.length > 4 && zlib.crc32(data) === stored.readUInt32LE(0) ? data : undefined;
  }

  private require(specifier: string): unknown {
    const file = scriptFile(specifier);
    return file ? this.load(file) : this.nodeRequire(specifier);
  }

  private importModule(specifier: string, base: string): Promise<unknown> {
    const file = scriptFile(specifier);
    if (file) return Promise.resolve().then(() => this.load(file));
    // A built-in through require() (the ES module loader costs ~2 ms to set up), as the namespace
    // import() would give: its exports by name, and the module as `default`.
    if (isBuiltin(specifier)) {
      return Promise.resolve().then(() => builtinNamespace(this.nodeRequire(specifier)));
    }
    // The ES modules beside the program (dist/local), relative to the script.
    return import(specifier.startsWith(".") ? new URL(specifier, base).href : specifier);
  }
}
