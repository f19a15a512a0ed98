// Scripts the engine runs in another thread or process (the Lambda bootstrap, the DynamoDB
// worker). After `npm run build` each is a .js file beside the module that starts it; when the
// engine runs from its TypeScript sources (tests), the .ts entry is bundled once with esbuild.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const resolved = new Map<string, Promise<string>>();

/**
 * The path of the script `name` (without extension) next to `base` (an import.meta.url).
 * `external`: its npm dependencies stay imports, so the bundle is written under the project's
 * node_modules/.cache (where they resolve) instead of the temporary directory.
 */
export function entryScript(base: string, name: string, external = false): Promise<string> {
  const key = `${base}|${name}`;
  let path = resolved.get(key);
  if (path === undefined) {
    path = (async () => {
      const built = fileURLToPath(new URL(`./${name}.js`, base));
      if (existsSync(built)) return built;
      const source = fileURLToPath(new URL(`./${name}.ts`, base));
      const { build } = await import("esbuild");
      const bundled = await build({
        entryPoints: [source],
        bundle: true,
        write: false,
        format: "esm",
        platform: "node",
        target: "node20",
        logLevel: "silent",
        ...(external ? { packages: "external" as const } : {}),
      });
      const code = bundled.outputFiles[0].contents;
      const hash = createHash("sha256").update(code).digest("hex").slice(0, 16);
      const dir = external
        ? fileURLToPath(new URL("../../node_modules/.cache/contabanco", import.meta.url))
        : tmpdir();
      mkdirSync(dir, { recursive: true });
      const out = join(dir, `contabanco-${name}-${hash}.mjs`);
      if (!existsSync(out)) {
        const staging = `${out}.${process.pid}.tmp`;
        writeFileSync(staging, code);
        renameSync(staging, out);
      }
      return out;
    })();
    resolved.set(key, path);
  }
  return path;
}
