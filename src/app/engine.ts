// ensureEngine: for the local target, make sure the embedded engine answers on the configured
// port — starting it in the background when nothing does, and saying so on stderr.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  type EngineInfo,
  pidAlive,
  probeEngine,
  readEngineInfo,
  runningEngine,
  startDetached,
} from "../local/process.js";
import { EngineError } from "../local/store.js";
import type { Config } from "./config.js";

export interface EnsureEngineOptions {
  /** Where to say that the engine was started (default process.stderr). */
  stderr?: { write(text: string): unknown };
  env?: NodeJS.ProcessEnv;
}

export interface EnsuredEngine {
  url: string;
  /** True when this call started it. */
  started: boolean;
  info?: EngineInfo;
}

function lockHolderAlive(home: string): boolean {
  try {
    const pid = Number.parseInt(readFileSync(join(home, "engine.lock"), "utf8"), 10);
    return Number.isInteger(pid) && pid > 0 && pidAlive(pid);
  } catch {
    return false;
  }
}

/** Nothing to do for the aws and endpoint targets. */
export async function ensureEngine(
  config: Config,
  opts: EnsureEngineOptions = {},
): Promise<EnsuredEngine | undefined> {
  if (config.target !== "local") return undefined;
  const url = config.endpoint ?? `http://127.0.0.1:${config.port}`;
  if (await probeEngine(url)) return { url, started: false, info: readEngineInfo(config.home) };
  const other = runningEngine(config.home);
  if (other && other.port !== config.port && (await probeEngine(other.url))) {
    throw new EngineError(
      `O motor local deste diretório de dados (${config.home}) está em ${other.url}, não na porta ${config.port}. Use CONTABANCO_PORT=${other.port} ou pare-o com "contabanco local stop".`,
      "ENGINE_OTHER_PORT",
    );
  }
  let info: EngineInfo;
  try {
    info = await startDetached({ home: config.home, port: config.port, env: opts.env });
  } catch (error) {
    // Another command may have started it at the same moment (ours then lost the lock): wait
    // while the lock holder lives and is not answering yet.
    for (let i = 0; i < 300 && lockHolderAlive(config.home); i++) {
      if (await probeEngine(url)) return { url, started: false, info: readEngineInfo(config.home) };
      await new Promise((r) => setTimeout(r, 50));
    }
    throw error;
  }
  (opts.stderr ?? process.stderr).write(
    `motor local iniciado em ${info.url} (dados em ${config.home})\n`,
  );
  return { url: info.url, started: true, info };
}
