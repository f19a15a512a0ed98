// Shared by the cadastrar/consultar/executions end-to-end tests: the built CLI run as users run
// it, against a local engine on a free port over a temp CONTABANCO_HOME, with the stage deployed.
import { execFile, execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { ListExecutionsCommand, SFNClient } from "@aws-sdk/client-sfn";
import { expect } from "vitest";
import { type RunningServer, startServer } from "../../src/local/server.js";
import { credentials, deployStage, region } from "./local-stage.js";

export const root = new URL("../..", import.meta.url).pathname;
const bin = join(root, "bin", "contabanco.js");
const built = join(root, "dist", "cli", "main.js");

function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

/** Builds only when dist is missing or older than src/assets. */
export function buildIfStale(): void {
  let builtAt = 0;
  try {
    builtAt = statSync(built).mtimeMs;
  } catch {}
  if (builtAt < Math.max(newest(join(root, "src")), newest(join(root, "assets")))) {
    execFileSync("npm", ["run", "build"], { cwd: root, stdio: "pipe" });
  }
}

export interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

export interface Engine {
  server: RunningServer;
  home: string;
  port: number;
  env: Record<string, string>;
  sfn: SFNClient;
  dynamodb: DynamoDBClient;
  stateMachineArn: string;
  /** Runs the built CLI against this engine. */
  cli(args: string[], extraEnv?: Record<string, string>, timeout?: number): Promise<Result>;
  stop(): Promise<void>;
}

export async function runCli(
  args: string[],
  env: Record<string, string>,
  timeout = 60_000,
): Promise<Result> {
  const base: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "/",
  };
  const result = await new Promise<Result>((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { cwd: root, env: { ...base, ...env }, timeout, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
  expect(result.stderr).not.toContain("NodeVersionSupportWarning");
  return result;
}

/** An engine with the `dev` stage deployed; `definition` replaces the shipped one if given. */
export async function startStage(options: { definition?: string } = {}): Promise<Engine> {
  buildIfStale();
  const home = mkdtempSync(join(tmpdir(), "contabanco-e2e-"));
  const server = await startServer({ port: 0, home });
  const port = Number(new URL(server.url).port);
  const endpoint = server.url;
  const config = { region, endpoint, credentials };
  const dynamodb = new DynamoDBClient(config);
  const sfn = new SFNClient(config);
  const { stateMachineArn } = await deployStage(config, options.definition);
  const env = {
    CONTABANCO_HOME: home,
    CONTABANCO_PORT: String(port),
    CONTABANCO_TARGET: "local",
    NO_COLOR: "1",
  };
  return {
    server,
    home,
    port,
    env,
    sfn,
    dynamodb,
    stateMachineArn,
    cli: (args, extraEnv = {}, timeout) => runCli(args, { ...env, ...extraEnv }, timeout),
    async stop() {
      sfn.destroy();
      dynamodb.destroy();
      await server.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/** How many executions the stage's state machine has. */
export async function executionCount(engine: Engine): Promise<number> {
  const out = await engine.sfn.send(
    new ListExecutionsCommand({ stateMachineArn: engine.stateMachineArn, maxResults: 1000 }),
  );
  return out.executions?.length ?? 0;
}
