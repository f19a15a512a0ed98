// The CLI's start, built by scripts/build.mjs as dist/cli/boot.cjs (what bin/contabanco.js
// requires) and as dist/cli/main.js (the same, an ES module): runs the bundled program
// (dist/cli/*.cjs) through the ScriptLoader, with its V8 code cache in <CONTABANCO_HOME>/cache/v8/.
// The build defines __CONTABANCO_PROGRAM__ (the entry script and a build id).
//
// Cache policy: a script compiled from source gets its cache written at exit; and the first
// successful run of each command (per build) rewrites the caches of every script it used, so that
// they also hold the functions that command runs (a command that ran once starts fully compiled).
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { defaultHome } from "../app/config.js";
import type { CliIo } from "./context.js";
import { ScriptLoader } from "./loader.js";

declare const __CONTABANCO_PROGRAM__: { entry: string; build: string };

/** Global options that take a value (main.ts): their value is not the command. */
const VALUE_OPTIONS = new Set(["--target", "--endpoint-url", "--region", "--profile", "--stage"]);

/** The command word of argv (`consultar`, `local`…), or `ajuda` when there is none. */
export function commandKey(argv: readonly string[]): string {
  const args = argv.slice(2);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--") break;
    if (VALUE_OPTIONS.has(arg)) i++;
    else if (!arg.startsWith("-")) return /^[a-z][a-z-]{0,30}$/.test(arg) ? arg : "outro";
  }
  return "ajuda";
}

function cacheRoot(): string | undefined {
  try {
    const home =
      process.env.CONTABANCO_HOME?.trim() ||
      defaultHome(process.env, { homedir: homedir(), platform: process.platform });
    return join(home, "cache", "v8");
  } catch {
    return undefined;
  }
}

/** How many builds keep their cache (two installs sharing a home must not evict each other). */
const KEPT_BUILDS = 3;

/** Removes the caches of all but the most recently written builds (best effort). */
function pruneOldBuilds(root: string): void {
  try {
    const dirs = readdirSync(root)
      .map((name) => ({ path: join(root, name), mtime: statSync(join(root, name)).mtimeMs }))
      .sort((a, b) => b.mtime - a.mtime);
    for (const dir of dirs.slice(KEPT_BUILDS)) rmSync(dir.path, { recursive: true, force: true });
  } catch {}
}

type ProgramMain = (argv: string[], io?: CliIo) => Promise<number>;

/** Runs the program on process-style argv and returns the exit code (see src/cli/main.ts). */
export async function main(argv: string[], io?: CliIo): Promise<number> {
  const program = __CONTABANCO_PROGRAM__;
  const root = cacheRoot();
  const cacheDir = root && join(root, `${program.build}-${process.version}-${process.arch}`);
  const loader = new ScriptLoader({
    dir: fileURLToPath(new URL(".", import.meta.url)),
    cacheDir,
  });
  const code = await (loader.load(program.entry).main as ProgramMain)(argv, io);
  if (root && cacheDir) {
    const fresh = !existsSync(cacheDir);
    const marker = join(cacheDir, `ran-${commandKey(argv)}`);
    const refresh = code === 0 && !existsSync(marker);
    if (loader.saveCache(refresh) > 0 || refresh) {
      if (fresh) pruneOldBuilds(root);
      if (refresh) {
        try {
          writeFileSync(marker, "");
        } catch {}
      }
    }
  }
  return code;
}
