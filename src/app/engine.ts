// ensureEngine: for the local target, make sure the embedded engine answers on the configured
// port — starting it in the background when nothing does, and saying so on stderr.

import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { engineUrl } from "../local/host.js";
import {
  type EngineInfo,
  engineIdentity,
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

/**
 * True when the engine answering at `url` serves `home`. An engine of another data directory on
 * the same port is an error, never silently used: the user's records would go to the wrong place.
 */
async function servesThisHome(url: string, home: string): Promise<boolean> {
  const identity = await engineIdentity(url);
  if (!identity) return false;
  if (resolve(identity.home) !== resolve(home)) {
    throw new EngineError(
      `A porta de ${url} já é usada por outro motor local, com dados em ${identity.home} (este comando usa ${resolve(home)}). Use CONTABANCO_HOME=${identity.home} para usar aquele motor, ou CONTABANCO_PORT com outra porta para iniciar um motor para este diretório.`,
      "ENGINE_OTHER_HOME",
    );
  }
  return true;
}

/** The ensureEngine calls under way, by engine URL and data directory. */
const underWay = new Map<string, Promise<EnsuredEngine | undefined>>();

/**
 * Nothing to do for the aws and endpoint targets. A call made while another one for the same
 * engine is under way shares it (see startEnsuringEngine).
 */
export function ensureEngine(
  config: Config,
  opts: EnsureEngineOptions = {},
): Promise<EnsuredEngine | undefined> {
  if (config.target !== "local") return Promise.resolve(undefined);
  const key = `${config.port} ${resolve(config.home)}`;
  const running = underWay.get(key);
  // `started` stays true for the call that started the engine only.
  if (running) return running.then((engine) => engine && { ...engine, started: false });
  const first = ensure(config, opts).finally(() => underWay.delete(key));
  underWay.set(key, first);
  return first;
}

/**
 * Starts ensureEngine now and lets the engine's answer (another process) come while the caller
 * goes on loading code: resolves once the probe request is on its way. Its outcome is what the
 * command's own ensureEngine call then gets (an error included), unless that call comes after it
 * settled, and then it probes again.
 */
export async function startEnsuringEngine(config: Config): Promise<void> {
  ensureEngine(config).catch(() => {});
  // The request is written once the connection is up, in the event loop's next poll phase.
  await new Promise((resolve) => setImmediate(resolve));
}

async function ensure(
  config: Config,
  opts: EnsureEngineOptions,
): Promise<EnsuredEngine | undefined> {
  const url = config.endpoint ?? engineUrl(config.host, config.port);
  if (await servesThisHome(url, config.home)) {
    return { url, started: false, info: readEngineInfo(config.home) };
  }
  const other = runningEngine(config.home);
  if (other && other.port !== config.port && (await probeEngine(other.url))) {
    throw new EngineError(
      `O motor local deste diretório de dados (${config.home}) está em ${other.url}, não na porta ${config.port}. Use CONTABANCO_PORT=${other.port} ou pare-o com "contabanco local stop".`,
      "ENGINE_OTHER_PORT",
    );
  }
  let info: EngineInfo;
  try {
    info = await startDetached({
      home: config.home,
      port: config.port,
      host: config.host,
      env: opts.env,
    });
  } catch (error) {
    // Another command may have started it at the same moment (ours then lost the lock): wait
    // while the lock holder lives and is not answering yet.
    for (let i = 0; i < 300 && lockHolderAlive(config.home); i++) {
      if (await servesThisHome(url, config.home)) {
        return { url, started: false, info: readEngineInfo(config.home) };
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw error;
  }
  (opts.stderr ?? process.stderr).write(
    `motor local iniciado em ${info.url} (dados em ${config.home})\n`,
  );
  return { url: info.url, started: true, info };
}
