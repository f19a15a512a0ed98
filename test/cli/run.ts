// Runs the CLI in-process with captured streams (the e2e tests run the built binary instead).
import { PassThrough } from "node:stream";
import type { CliIo } from "../../src/cli/context.js";
import { main } from "../../src/cli/main.js";

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  env?: Record<string, string | undefined>;
  tty?: boolean;
  cwd?: string;
}

export async function run(args: string[], options: RunOptions = {}): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    stdout: { write: (text: string) => (stdout += text), isTTY: options.tty },
    stderr: { write: (text: string) => (stderr += text), isTTY: options.tty },
    stdin: new PassThrough(),
    env: options.env ?? {},
    platform: { homedir: "/home/teste", platform: "linux" },
    cwd: options.cwd ?? process.cwd(),
  };
  const code = await main(["node", "contabanco", ...args], io);
  return { code, stdout, stderr };
}
