// The built CLI run as users run it (`node bin/contabanco.js …` in a child process, a clean
// environment) and, for the end-to-end tests, a local engine it talks to.
import { execFile } from "node:child_process";
import { rmSync } from "node:fs";
import { expect } from "vitest";
import type { RunningServer } from "../../src/local/server.js";
import { buildIfStale, LAUNCHER, ROOT } from "./build.js";
import { type SdkConfig, sdkConfig, startEngine, tempHome } from "./engine.js";
import { useFixture } from "./fixture.js";

export interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built CLI with only PATH, HOME and `env` (no SDK warning switch: the launcher must set
 * it, so the SDK's Node version warning never shows).
 */
export async function runCli(
  args: string[],
  env: Record<string, string>,
  timeout = 120_000,
): Promise<Result> {
  const base = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/" };
  const result = await new Promise<Result>((resolve) => {
    execFile(
      process.execPath,
      [LAUNCHER, ...args],
      { cwd: ROOT, env: { ...base, ...env }, timeout, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
  expect(result.stderr).not.toContain("NodeVersionSupportWarning");
  return result;
}

export interface CliEngine {
  server: RunningServer;
  endpoint: string;
  port: number;
  home: string;
  /** What points the CLI at this engine: CONTABANCO_HOME/PORT/TARGET, NO_COLOR. */
  env: Record<string, string>;
  /** Runs the built CLI against this engine. */
  cli(args: string[], extraEnv?: Record<string, string>, timeout?: number): Promise<Result>;
  /** Runs the CLI with --json and parses stdout (asserting exit code `code`). */
  json<T = unknown>(args: string[], extraEnv?: Record<string, string>, code?: number): Promise<T>;
  /** An SDK client for the engine (`extra` added to its config), destroyed by `stop`. */
  client<C extends { destroy(): void }, X extends object = object>(
    Client: new (config: SdkConfig & X) => C,
    extra?: X,
  ): C;
  /** Destroys the clients, closes the engine and removes its home. */
  stop(): Promise<void>;
}

/** The CLI built, and a local engine for it on a free port over a fresh CONTABANCO_HOME. */
export async function startCliEngine(prefix = "contabanco-e2e-"): Promise<CliEngine> {
  buildIfStale();
  const tmp = tempHome(prefix);
  const server = await startEngine(tmp.home);
  const env = {
    CONTABANCO_HOME: tmp.home,
    CONTABANCO_PORT: String(server.port),
    CONTABANCO_TARGET: "local",
    NO_COLOR: "1",
  };
  const cli = (args: string[], extraEnv: Record<string, string> = {}, timeout?: number) =>
    runCli(args, { ...env, ...extraEnv }, timeout);
  const clients: { destroy(): void }[] = [];
  return {
    server,
    endpoint: server.url,
    port: server.port,
    home: tmp.home,
    env,
    cli,
    async json<T>(args: string[], extraEnv: Record<string, string> = {}, code = 0): Promise<T> {
      const result = await cli(["--json", ...args], extraEnv);
      expect(result.code, result.stderr).toBe(code);
      return JSON.parse(result.stdout) as T;
    },
    client(Client, extra) {
      const made = new Client({ ...sdkConfig(server.url), ...(extra ?? {}) } as never);
      clients.push(made);
      return made;
    },
    async stop() {
      for (const client of clients.splice(0)) client.destroy();
      await server.close();
      rmSync(tmp.home, { recursive: true, force: true });
    },
  };
}

/** One CLI engine for the enclosing `describe` (or file), stopped after its tests. */
export function useCliEngine(prefix?: string): CliEngine {
  return useFixture(() => startCliEngine(prefix));
}
