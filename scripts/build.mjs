// Build: transpile src/ to dist/ (one file per module, ESM), then bundle the contaBanco
// Lambda into a deployable zip (one file, no node_modules). Type-checking is `npm run typecheck`.
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { build } from "esbuild";
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
