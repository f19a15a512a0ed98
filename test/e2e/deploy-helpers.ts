// Shared by the deploy/destroy/demo end-to-end tests: the built CLI (`node bin/contabanco.js`) run
// as users run it, against a local engine on a free port over a temporary CONTABANCO_HOME.
import { execFile, execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import { type RunningServer, startServer } from "../../src/local/server.js";

export const root = new URL("../..", import.meta.url).pathname;
const bin = join(root, "bin", "contabanco.js");
const built = join(root, "dist", "cli", "main.js");
export const region = "us-east-1";
export const sdkConfig = (endpoint: string) => ({
  region,
  endpoint,
  credentials: { accessKeyId: "test", secretAccessKey: "test" },
});

function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

function isStale(): boolean {
  let builtAt = 0;
  try {
    builtAt = statSync(built).mtimeMs;
  } catch {}
  return builtAt < Math.max(newest(join(root, "src")), newest(join(root, "assets")));
}

function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Builds only when dist is missing or older than src/assets (`npm test` builds first). Test files
 * run in parallel: one builds while the others wait (a lock directory), so that no test runs the
 * CLI while dist is being rewritten.
 */
export function buildIfStale(): void {
  if (!isStale()) return;
  const lock = join(tmpdir(), `contabanco-build-${Buffer.from(root).toString("hex").slice(-24)}`);
  for (let waited = 0; ; waited += 200) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Another file is building; a lock older than two minutes is left over from a crash.
      if (waited > 120_000) rmSync(lock, { recursive: true, force: true });
      pause(200);
    }
  }
  try {
    if (isStale()) execFileSync("npm", ["run", "build"], { cwd: root, stdio: "pipe" });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

export interface LocalEngine {
  server: RunningServer;
  endpoint: string;
  home: string;
  env: Record<string, string>;
  cli(args: string[], extraEnv?: Record<string, string>): Promise<Result>;
  /** Runs the CLI with --json and parses stdout (asserting exit code `code`). */
  json<T = unknown>(args: string[], extraEnv?: Record<string, string>, code?: number): Promise<T>;
  stop(): Promise<void>;
}

export function runCli(args: string[], env: Record<string, string>): Promise<Result> {
  const base = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/" };
  return new Promise<Result>((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { cwd: root, env: { ...base, ...env }, timeout: 120_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** A local engine on a free port over a fresh home (stopped and removed by `stop`). */
export async function startEngine(): Promise<LocalEngine> {
  buildIfStale();
  const home = mkdtempSync(join(tmpdir(), "contabanco-deploy-"));
  const server = await startServer({ port: 0, home });
  const env = {
    CONTABANCO_HOME: home,
    CONTABANCO_PORT: String(server.port),
    CONTABANCO_TARGET: "local",
    NO_COLOR: "1",
  };
  const cli = (args: string[], extraEnv: Record<string, string> = {}) =>
    runCli(args, { ...env, ...extraEnv });
  return {
    server,
    endpoint: server.url,
    home,
    env,
    cli,
    async json<T>(args: string[], extraEnv: Record<string, string> = {}, code = 0): Promise<T> {
      const result = await cli(["--json", ...args], extraEnv);
      expect(result.code, result.stderr).toBe(code);
      return JSON.parse(result.stdout) as T;
    },
    async stop() {
      await server.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

export interface DeployJson {
  stage: string;
  target: string;
  resources: { tipo: string; nome: string; arn: string; acao: string; mudancas: string[] }[];
}

/** `{ tipo: acao }` of a deploy or destroy report. */
export function actions(report: { resources: { tipo: string; acao: string }[] }) {
  return Object.fromEntries(report.resources.map((r) => [r.tipo, r.acao]));
}

export const ALL_KINDS = [
  "bucket",
  "tabela",
  "cofre",
  "papel-lambda",
  "papel-sfn",
  "funcao",
  "maquina-de-estados",
];
