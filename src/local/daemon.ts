// Running the engine in this process until a signal: the `contabanco local start` foreground
// mode (which is also what the detached engine runs). Writes <home>/engine.json once listening
// and removes it on a clean stop.

import { resolve } from "node:path";
import { type EngineInfo, removeEngineInfo, writeEngineInfo } from "./process.js";
import { type RunningServer, startServer } from "./server.js";

export interface RunEngineOptions {
  home: string;
  port: number;
  host?: string;
  log: (line: string) => void;
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
  const server = await startServer({
    home: opts.home,
    port: opts.port,
    host: opts.host,
    log: stamp,
    announce: async (url, port) => {
      announced = {
        pid: process.pid,
        port,
        url,
        home: resolve(opts.home),
        startedAt: new Date().toISOString(),
      };
      await writeEngineInfo(announced);
    },
  });
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
