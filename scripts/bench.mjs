// `npm run bench -- NAME`: bundles bench/NAME.ts with esbuild (dependencies stay external)
// and runs it with node; the benchmark prints one JSON line per figure on stdout.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";

const root = new URL("..", import.meta.url).pathname;
const available = readdirSync(join(root, "bench"))
  .filter((f) => f.endsWith(".ts"))
  .map((f) => f.slice(0, -3));
const names = process.argv.slice(2);
if (names.length === 0 || names.some((n) => !available.includes(n))) {
  console.error(`uso: npm run bench -- <${available.join("|")}> [...]`);
  process.exit(2);
}
const outdir = join(root, "node_modules", ".cache", "contabanco-bench");
if (!existsSync(outdir)) mkdirSync(outdir, { recursive: true });
let failed = false;
for (const name of names) {
  const outfile = join(outdir, `${name}.mjs`);
  await build({
    entryPoints: [join(root, "bench", `${name}.ts`)],
    bundle: true,
    packages: "external",
    format: "esm",
    platform: "node",
    target: "node20",
    outfile,
    logLevel: "warning",
  });
  const run = spawnSync(process.execPath, ["--expose-gc", outfile], {
    stdio: "inherit",
    cwd: root,
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
  });
  if (run.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
