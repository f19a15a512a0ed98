// The local target needs the local engine running: ensureEngine (src/app/engine.ts) starts it in
// the background when it is not, and says so on stderr.
import type { Config } from "../config.js";

type EnsureEngine = (config: Config) => Promise<unknown>;

/** Makes sure the local engine answers before a command talks to it (no-op for other targets). */
export async function ensureLocalEngine(config: Config): Promise<void> {
  if (config.target !== "local") return;
  // Loaded by name so that this module builds while src/app/engine.ts is being written.
  const specifier = "../engine.js";
  let ensure: EnsureEngine | undefined;
  try {
    ensure = ((await import(specifier)) as { ensureEngine?: EnsureEngine }).ensureEngine;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ERR_MODULE_NOT_FOUND") throw error;
  }
  if (ensure) await ensure(config);
}
