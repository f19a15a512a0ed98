// Build: transpile src/ to dist/ (one file per module, ESM), then bundle the contaBanco
// Lambda into a deployable zip (one file, no node_modules). Type-checking is `npm run typecheck`.
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { build, transform } from "esbuild";
import { zipSync } from "fflate";

const root = new URL("..", import.meta.url).pathname;
const src = join(root, "src");
const dist = join(root, "dist");
// Build beside dist/ and swap it in at the end, so a program running from dist/ (a test, the
// engine) never sees it half-written.
const next = join(root, `dist.next-${process.pid}`);

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return walk(path);
    return path.endsWith(".ts") && !path.endsWith(".d.ts") ? [path] : [];
  });
}

rmSync(next, { recursive: true, force: true });
const entryPoints = walk(src);
await build({
  entryPoints,
  outdir: next,
  outbase: src,
  format: "esm",
  platform: "node",
  target: "node20",
  sourcemap: "linked",
  logLevel: "warning",
});

// The CLI: the program (src/cli/main.ts) bundled with its dependencies (the AWS SDK, commander,
// chalk…) and split into chunks, so a command loads a few large files instead of hundreds of small
// ones; each chunk is then turned into a script (dist/cli/*.cjs) that src/cli/loader.ts compiles
// with V8's code cache (cold start: Node 20 has no code cache for ES modules). dist/cli/main.js is
// that loader (src/cli/boot.ts). The local engine (src/local) stays the per-module files transpiled
// above, imported by relative path: it runs as its own process and loads native modules
// (dynalite → classic-level).
const cliDir = join(src, "cli");
const localDir = join(src, "local");
const BUNDLED_LOCAL = new Set(["host.js", "process.js", "store.js", "types.js"]);
const cliPlugin = {
  name: "contabanco-cli",
  setup(b) {
    // src/local/** → the transpiled file in dist/local, relative to dist/cli where chunks go;
    // except what the CLI itself uses to find, start and stop the engine (plain Node, no native
    // module), bundled: a script cannot require() dist/local's ES modules, and importing them would
    // cost every command ~4 ms of ES module loading without code cache.
    b.onResolve({ filter: /^\.{1,2}\// }, (args) => {
      if (!args.importer.startsWith(src)) return undefined;
      const target = join(args.resolveDir, args.path);
      if (!target.startsWith(`${localDir}/`)) return undefined;
      if (BUNDLED_LOCAL.has(relative(localDir, target))) return undefined;
      const rel = relative(cliDir, target).replace(/\.ts$/, ".js");
      return { path: rel.startsWith(".") ? rel : `./${rel}`, external: true };
    });
    b.onLoad({ filter: /\.ts$/ }, async (args) => {
      if (!args.path.startsWith(src)) return undefined;
      let contents = await readFile(args.path, "utf8");
      // `import.meta.url` in a bundled module keeps meaning "where this module's dist/ file is"
      // (definition.ts and deploy/ find assets/ and the Lambda zip relative to it).
      if (contents.includes("import.meta.url")) {
        const twin = relative(cliDir, args.path).replace(/\.ts$/, ".js");
        contents = contents.replaceAll(
          "import.meta.url",
          `new URL(${JSON.stringify(twin)}, import.meta.url).href`,
        );
      }
      // A script has no top-level await: a JSON module read with `await import()` at the top (for
      // the per-module dist/ files, see src/domain/banco.ts) is inlined by a static import here.
      contents = contents.replace(
        /const \{ default: (\w+) \} = await import\(("[^"]+\.json"), \{\s*with: \{ type: "json" \},?\s*\}\);/g,
        "import $1 from $2;",
      );
      return { contents, loader: "ts" };
    });
  },
};
const cliBundle = await build({
  entryPoints: [join(cliDir, "main.ts")],
  outdir: join(next, "cli"),
  bundle: true,
  splitting: true,
  write: false,
  format: "esm",
  platform: "node",
  target: "node20",
  chunkNames: "chunk-[hash]",
  // The ESM builds of the dependencies (the SDK ships both): esbuild gets a dynamic import() of a
  // CommonJS package wrong when splitting (the chunk exports only `default`).
  mainFields: ["module", "main"],
  external: ["dynalite", "classic-level"],
  plugins: [cliPlugin],
  logLevel: "warning",
});
// The names src/cli/loader.ts gives a script (keep both lists in step).
const SCRIPT_HEAD =
  '(function (exports, require, module, __contabancoImport, __contabancoUrl) {"use strict";';
// The build id names the cache directory: the scripts, and the loader that writes the cache files.
const hash = createHash("sha256").update(await readFile(join(cliDir, "loader.ts")));
for (const file of cliBundle.outputFiles) {
  const name = relative(join(next, "cli"), file.path);
  // A script compiled from a code cache cannot call import() on Node 20: every import("literal")
  // goes through the loader (chunks by the loader, built-ins and dist/local by Node).
  const esm = file.text.replace(/\bimport\(("[^"\n]+")\)/g, "__contabancoImport($1)");
  const { code } = await transform(esm, {
    format: "cjs",
    platform: "node",
    target: "node20",
    loader: "js",
    define: { "import.meta.url": "__contabancoUrl" },
    logLevel: "warning",
  });
  const left = /\bimport\(|\bimport\.meta\b|\bimport_meta\b|\brequire\("\.\.\//.exec(code);
  if (left) {
    // A static import of dist/local (ES modules) cannot be require()d: import it with import().
    throw new Error(`cli: ${name} keeps "${left[0]}", which a script cannot run`);
  }
  const script = `${SCRIPT_HEAD}${code}\n})`;
  hash.update(name).update(script);
  writeFileSync(join(next, "cli", name.replace(/\.js$/, ".cjs")), script);
}
const program = { entry: "main.cjs", build: hash.digest("hex").slice(0, 16) };
// The loader, twice: dist/cli/boot.cjs for bin/contabanco.js (a CommonJS start skips Node's ES
// module loader: a few ms), and dist/cli/main.js, the same as an ES module for importers.
for (const [outfile, format] of [
  ["boot.cjs", "cjs"],
  ["main.js", "esm"],
]) {
  await build({
    entryPoints: [join(cliDir, "boot.ts")],
    outfile: join(next, "cli", outfile),
    bundle: true,
    format,
    platform: "node",
    target: "node20",
    define: {
      __CONTABANCO_PROGRAM__: JSON.stringify(program),
      ...(format === "cjs" ? { "import.meta.url": "__contabancoBootUrl" } : {}),
    },
    banner:
      format === "cjs"
        ? {
            js: '"use strict"; const __contabancoBootUrl = require("node:url").pathToFileURL(__filename).href;',
          }
        : {},
    allowOverwrite: true,
    logLevel: "warning",
  });
}
console.error(
  `cli: ${cliBundle.outputFiles.length} scripts in ${relative(root, join(next, "cli"))} (build ${program.build})`,
);

// The Lambda: one ESM file with every dependency inlined, zipped as index.mjs (handler index.handler).
const lambdaEntry = join(src, "lambda", "handler.ts");
const bundled = await build({
  entryPoints: [lambdaEntry],
  bundle: true,
  write: false,
  format: "esm",
  platform: "node",
  target: "node20",
  minify: true,
  legalComments: "none",
  logLevel: "warning",
});
const code = bundled.outputFiles[0].contents;
mkdirSync(join(next, "lambda"), { recursive: true });
// A fixed mtime keeps the zip byte-identical between builds, so its hash only moves with the code.
const zip = zipSync(
  { "index.mjs": [code, { mtime: new Date("2020-01-01T00:00:00Z") }] },
  { level: 9 },
);
writeFileSync(join(next, "lambda", "contaBanco.zip"), zip);

const old = join(root, `dist.old-${process.pid}`);
try {
  renameSync(dist, old);
} catch {
  // first build: there is no dist/ yet
}
renameSync(next, dist);
rmSync(old, { recursive: true, force: true });
const out = join(dist, "lambda", "contaBanco.zip");
console.error(`lambda: ${relative(root, out)} (${zip.length} bytes)`);
