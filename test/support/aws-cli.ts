// The AWS CLI (Debian's awscli v2, or another one) as an independent client of the local engine.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

function findAws(): string | undefined {
  if (process.env.CONTABANCO_AWS_CLI) return process.env.CONTABANCO_AWS_CLI;
  if (existsSync("/usr/bin/aws")) return "/usr/bin/aws";
  for (const dir of (process.env.PATH ?? "").split(":")) {
    if (dir && existsSync(join(dir, "aws"))) return join(dir, "aws");
  }
  return undefined;
}

/** CONTABANCO_AWS_CLI (e.g. a v1 install), /usr/bin/aws or `aws` on PATH; undefined if none. */
export const AWS_CLI = findAws();

/**
 * A clean environment for the AWS CLI: dummy keys, the region, no pager, no instance metadata
 * lookups, and its HOME, config and credentials files under `dir` (nothing of the user's).
 */
export function awsCliEnv(dir: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: dir,
    AWS_ACCESS_KEY_ID: "test",
    AWS_SECRET_ACCESS_KEY: "test",
    AWS_DEFAULT_REGION: "us-east-1",
    AWS_PAGER: "",
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_CONFIG_FILE: join(dir, "aws-config"),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, "aws-credentials"),
  };
}

export interface AwsCliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * `aws --endpoint-url ENDPOINT --output json ...args`. A non-zero exit is a result (its code and
 * stderr); a CLI that cannot be run at all rejects.
 */
export function awsCli(
  endpoint: string,
  args: string[],
  env: Record<string, string>,
  timeout = 60_000,
): Promise<AwsCliResult> {
  if (!AWS_CLI) return Promise.reject(new Error("AWS CLI não encontrado"));
  return new Promise((resolve, reject) => {
    execFile(
      AWS_CLI,
      ["--endpoint-url", endpoint, "--output", "json", ...args],
      { env, timeout },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== "number") reject(error);
        else resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
      },
    );
  });
}
