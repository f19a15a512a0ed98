// Running the engine in this process until a signal: the `contabanco local start` foreground
// mode (which is also what the detached engine runs). Writes <home>/engine.json once listening
// and removes it on a clean stop.

import { resolve } from "node:path";
import { DEFAULT_HOST, engineUrl } from "./host.js";
import { type EngineInfo, removeEngineInfo, writeEngineInfo } from "./process.js";
import { type RunningServer, startServer } from "./server.js";
import { EngineError } from "./store.js";

export interface RunEngineOptions {
  home: string;
  port: number;
  /** The address to listen on (default 127.0.0.1: this machine only). */
  host?: string;
  log: (line: string) => void;
}

/** The listen errors of an address that cannot be used here, as pt-BR EngineErrors. */
function hostError(err: unknown, host: string): unknown {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === "EADDRNOTAVAIL") {
    return new EngineError(
      `O endereço ${host} não pertence a esta máquina: use um endereço dela em --host (ou CONTABANCO_HOST), 127.0.0.1 só para esta máquina ou 0.0.0.0 para todas as interfaces.`,
      "HOST_NOT_AVAILABLE",
    );
  }
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") {
    return new EngineError(
      `Não foi possível resolver o nome ${host} (--host ou CONTABANCO_HOST): use um endereço IP ou um nome conhecido desta máquina.`,
      "HOST_NOT_FOUND",
    );
  }
  return err;
}

export interface RunningEngine {
  server: RunningServer;
  info: EngineInfo;
  /** Resolves once the engine has stopped (SIGINT/SIGTERM or stop()). */
  closed: Promise<void>;
  stop(): Promise<void>;
}

export async function runEngine(opts: RunEngineOptions): Promise<RunningEngine> {
  const stamp = (line: string) => opts.log(`${new Date().toISOString()} ${line}`);
  let announced: EngineInfo | undefined;
  const host = opts.host ?? DEFAULT_HOST;
  let server: RunningServer;
  try {
    server = await startServer({
      home: opts.home,
      port: opts.port,
      host,
      log: stamp,
      announce: async (_url, port) => {
        announced = {
          pid: process.pid,
          port,
          url: engineUrl(host, port),
          host,
          home: resolve(opts.home),
          startedAt: new Date().toISOString(),
        };
        await writeEngineInfo(announced);
      },
    });
  } catch (err) {
    throw hostError(err, host);
  }
  if (!announced) throw new Error("startServer returned before announcing the engine");
  const info = announced;
  stamp(`motor local ouvindo em ${server.url} (pid ${process.pid}, dados em ${info.home})`);
  let done: () => void = () => {};
  const closed = new Promise<void>((r) => {
    done = r;
  });
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
      stamp("parando o motor local");
      try {
        await server.close();
      } finally {
        removeEngineInfo(info.home);
        stamp("motor local parado");
        done();
      }
    })();
    return stopping;
  };
  const onSignal = () => {
    void stop();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  return { server, info, closed, stop };
}
