// The script loader behind the built CLI (src/cli/loader.ts): scripts in the build's format,
// requiring and importing each other, and V8's code cache written, used, refused and skipped.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { commandKey } from "../../src/cli/boot.js";
import { ScriptLoader } from "../../src/cli/loader.js";

const HEAD =
  '(function (exports, require, module, __contabancoImport, __contabancoUrl) {"use strict";';

let dir: string;
let cacheDir: string;

function script(name: string, body: string): void {
  writeFileSync(join(dir, name), `${HEAD}${body}\n})`);
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "contabanco-loader-"));
  cacheDir = join(dir, "cache", "v8", "build");
  // A unique marker per test keeps V8's in-memory compilation cache from answering for the disk.
  const tag = JSON.stringify(dir);
  script(
    "chunk-A.cjs",
    `exports.tag = ${tag}; exports.double = (n) => n * 2; exports.url = __contabancoUrl;`,
  );
  script("chunk-B.cjs", `exports.late = () => "carregado depois";`);
  script(
    "main.cjs",
    `const a = require("./chunk-A.js");
     const { join } = require("node:path");
     exports.main = async () => {
       const b = await __contabancoImport("./chunk-B.js");
       const os = await __contabancoImport("node:os");
       const mod = await __contabancoImport("./esm/mod.js");
       return [a.double(21), b.late(), typeof os.tmpdir, os.default.tmpdir === os.tmpdir, mod.value, join("x", "y"), a.url];
     };`,
  );
  mkdirSync(join(dir, "esm"));
  writeFileSync(join(dir, "esm", "mod.js"), "export const value = 'esm ao lado';\n");
  writeFileSync(join(dir, "esm", "package.json"), '{ "type": "module" }\n');
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function runMain(loader: ScriptLoader): Promise<unknown[]> {
  const { main } = loader.load("main.cjs") as { main: () => Promise<unknown[]> };
  return main();
}

describe("ScriptLoader", () => {
  it("runs scripts that require and import chunks, built-ins and ES modules beside them", async () => {
    const loader = new ScriptLoader({ dir });
    expect(await runMain(loader)).toEqual([
      42,
      "carregado depois",
      "function",
      true,
      "esm ao lado",
      join("x", "y"),
      pathToFileURL(join(dir, "chunk-A.cjs")).href,
    ]);
    // Each script runs once, however many times it is required.
    expect(loader.load("chunk-A.cjs")).toBe(loader.load("chunk-A.cjs"));
    expect(loader.stats().loaded.sort()).toEqual(["chunk-A.cjs", "chunk-B.cjs", "main.cjs"]);
  });

  it("without a cache directory compiles from source and writes nothing", async () => {
    const loader = new ScriptLoader({ dir });
    await runMain(loader);
    expect(loader.stats().compiled).toHaveLength(3);
    expect(loader.saveCache(true)).toBe(0);
  });

  it("writes the code cache of what it compiled, and the next loader uses it", async () => {
    const first = new ScriptLoader({ dir, cacheDir });
    await runMain(first);
    expect(first.stats().compiled.sort()).toEqual(["chunk-A.cjs", "chunk-B.cjs", "main.cjs"]);
    expect(first.saveCache()).toBe(3);
    expect(readdirSync(cacheDir).sort()).toEqual([
      "chunk-A.cjs.v8",
      "chunk-B.cjs.v8",
      "main.cjs.v8",
    ]);

    const second = new ScriptLoader({ dir, cacheDir });
    expect((await runMain(second))[0]).toBe(42);
    expect(second.stats().compiled).toEqual([]);
    // Nothing compiled from source: nothing to write unless asked to refresh every cache.
    expect(second.saveCache()).toBe(0);
    expect(second.saveCache(true)).toBe(3);
  });

  it("compiles from source when a cache is damaged or refused, then replaces it", async () => {
    const first = new ScriptLoader({ dir, cacheDir });
    await runMain(first);
    first.saveCache();
    // One byte of V8's data flipped, same length: V8 itself would take it (no checksum in release
    // builds); the loader's CRC-32 refuses it.
    const damaged = readFileSync(join(cacheDir, "chunk-A.cjs.v8"));
    damaged[Math.floor(damaged.length / 2)] ^= 0xff;
    writeFileSync(join(cacheDir, "chunk-A.cjs.v8"), damaged);
    writeFileSync(join(cacheDir, "main.cjs.v8"), "não é um cache do V8");

    const loader = new ScriptLoader({ dir, cacheDir });
    expect(await runMain(loader)).toEqual(await runMain(first));
    expect(loader.stats().compiled.sort()).toEqual(["chunk-A.cjs", "main.cjs"]);
    expect(loader.saveCache()).toBe(2);
    const next = new ScriptLoader({ dir, cacheDir });
    await runMain(next);
    expect(next.stats().compiled).toEqual([]);
  });

  it("runs normally when the cache directory cannot be created", async () => {
    writeFileSync(join(dir, "cache"), "um arquivo no lugar do diretório");
    const loader = new ScriptLoader({ dir, cacheDir });
    expect((await runMain(loader))[0]).toBe(42);
    expect(loader.saveCache(true)).toBe(0);
  });
});

describe("commandKey", () => {
  const key = (...args: string[]) => commandKey(["node", "contabanco", ...args]);

  it("is the command word, after global options and their values", () => {
    expect(key("consultar", "341-2545-02366-1")).toBe("consultar");
    expect(key("--stage", "prod", "--json", "consultar", "--documento", "1")).toBe("consultar");
    expect(key("--region=sa-east-1", "local", "start")).toBe("local");
    expect(key("--endpoint-url", "http://x", "executions")).toBe("executions");
  });

  it("is ajuda without a command, outro for anything that is not a word", () => {
    expect(key()).toBe("ajuda");
    expect(key("--help")).toBe("ajuda");
    expect(key("--", "consultar")).toBe("ajuda");
    expect(key("../../etc")).toBe("outro");
    expect(key("CONSULTAR")).toBe("outro");
  });
});
