// The local engine in a test: a fresh temporary CONTABANCO_HOME, the engine on a free port, SDK
// clients configured for it (endpoint, region, dummy keys), and everything stopped and removed
// afterwards.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import {
  type RunningServer,
  type StartServerOptions,
  startServer,
} from "../../src/local/server.js";

/** The keys the local engine accepts (it checks the signature's shape, not the secret). */
export const credentials = { accessKeyId: "test", secretAccessKey: "test" };
export const region = "us-east-1";

/** What every SDK client needs to talk to an engine at `endpoint`. */
export interface SdkConfig {
  endpoint: string;
  region: string;
  credentials: typeof credentials;
}

export function sdkConfig(endpoint: string): SdkConfig {
  return { endpoint, region, credentials };
}

/** A fresh temporary directory, removed by `cleanup`. */
export function tempHome(prefix = "contabanco-local-"): { home: string; cleanup(): void } {
  const home = mkdtempSync(join(tmpdir(), prefix));
  return { home, cleanup: () => rmSync(home, { recursive: true, force: true }) };
}

/** The engine on a free port over `home` (CONTABANCO_LOCAL_TRACE=1 prints its log). */
export function startEngine(
  home: string,
  options: Omit<StartServerOptions, "home" | "port"> = {},
): Promise<RunningServer> {
  return startServer({
    port: 0,
    home,
    log: process.env.CONTABANCO_LOCAL_TRACE ? (line) => console.log(line) : undefined,
    ...options,
  });
}

export interface EngineFixture {
  readonly server: RunningServer;
  readonly url: string;
  readonly port: number;
  readonly home: string;
  /**
   * Stops the engine and starts it again over the same home (on another port); `whileStopped`
   * runs in between.
   */
  restart(whileStopped?: () => unknown): Promise<void>;
  /** An SDK client for the engine (`extra` added to its config), destroyed after the tests. */
  client<C extends { destroy(): void }, X extends object = object>(
    Client: new (config: SdkConfig & X) => C,
    extra?: X,
  ): C;
}

/**
 * Registers the hooks of one engine for the enclosing `describe` (or file): started in beforeAll
 * over a fresh home, its clients destroyed and the engine closed and its home removed in afterAll.
 */
export function useEngine(
  options: Omit<StartServerOptions, "home" | "port"> & { prefix?: string } = {},
): EngineFixture {
  const { prefix, ...serverOptions } = options;
  const tmp = tempHome(prefix);
  let server: RunningServer | undefined;
  const clients: { destroy(): void }[] = [];
  const running = (): RunningServer => {
    if (!server) throw new Error("the engine is not running (use it inside a test or a hook)");
    return server;
  };
  beforeAll(async () => {
    server = await startEngine(tmp.home, serverOptions);
  });
  afterAll(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await server?.close();
    tmp.cleanup();
  });
  return {
    get server() {
      return running();
    },
    get url() {
      return running().url;
    },
    get port() {
      return running().port;
    },
    home: tmp.home,
    async restart(whileStopped) {
      await running().close();
      server = undefined;
      await whileStopped?.();
      server = await startEngine(tmp.home, serverOptions);
    },
    client(Client, extra) {
      const made = new Client({ ...sdkConfig(running().url), ...(extra ?? {}) } as never);
      clients.push(made);
      return made;
    },
  };
}
