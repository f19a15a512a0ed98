// The local target needs the local engine running: ensureEngine (src/app/engine.ts) starts it in
// the background when it is not, and says so on stderr.
import type { Config } from "../config.js";
import { ensureEngine } from "../engine.js";

export interface EngineIo {
  stderr?: { write(text: string): unknown };
  env?: Readonly<Record<string, string | undefined>>;
}

/** Makes sure the local engine answers before a command talks to it (no-op for other targets). */
export async function ensureLocalEngine(config: Config, io: EngineIo = {}): Promise<void> {
  if (config.target !== "local") return;
  await ensureEngine(config, { stderr: io.stderr, env: io.env as NodeJS.ProcessEnv | undefined });
}
