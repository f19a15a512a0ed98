// The AWS CLI as an independent client of the local Lambda: create-function with a real zip file,
// invoke (v1 and v2 syntax), and an error class.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { AWS_CLI, awsCli, awsCliEnv } from "../support/aws-cli.js";
import { useEngine } from "../support/engine.js";
import { ROLE, tempHome, zipOf } from "./lambda/helpers.js";

const server = useEngine({ prefix: "contabanco-lambda-cli-" });
let major = 0;
const work = tempHome("contabanco-lambda-cli-files-");
const env = awsCliEnv(work);

// CONTABANCO_AWS_CLI picks another CLI (e.g. a v1 install) to check both syntaxes.
const aws = (...args: string[]) => awsCli(server.url, args, env);

beforeAll(async () => {
  const { stdout, stderr } = await aws("--version");
  major = Number(/aws-cli\/(\d+)/.exec(stdout + stderr)?.[1] ?? 0);
});

describe(`AWS CLI (${AWS_CLI})`, () => {
  it("creates a function from a zip file and invokes it", async () => {
    const zip = join(work, "function.zip");
    writeFileSync(
      zip,
      zipOf({
        "index.js": `exports.handler = async (event) => ({ ola: event.nome, cli: true });`,
      }),
    );
    const created = await aws(
      "lambda",
      "create-function",
      "--function-name",
      "viaCli",
      "--runtime",
      "nodejs20.x",
      "--role",
      ROLE,
      "--handler",
      "index.handler",
      "--zip-file",
      `fileb://${zip}`,
    );
    expect(created.stderr).toBe("");
    expect(created.code).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({
      FunctionName: "viaCli",
      FunctionArn: "arn:aws:lambda:us-east-1:000000000000:function:viaCli",
      Runtime: "nodejs20.x",
      Timeout: 3,
    });

    const out = join(work, "out.json");
    // v2 reads --payload as base64 unless told otherwise; v1 has no such flag.
    const binaryFormat = major >= 2 ? ["--cli-binary-format", "raw-in-base64-out"] : [];
    const invoked = await aws(
      "lambda",
      "invoke",
      "--function-name",
      "viaCli",
      ...binaryFormat,
      "--payload",
      JSON.stringify({ nome: "Ana" }),
      "--log-type",
      "Tail",
      out,
    );
    expect(invoked.code).toBe(0);
    const meta = JSON.parse(invoked.stdout);
    expect(meta).toMatchObject({ StatusCode: 200, ExecutedVersion: "$LATEST" });
    expect(Buffer.from(meta.LogResult, "base64").toString("utf8")).toMatch(/^START RequestId: /);
    expect(JSON.parse(readFileSync(out, "utf8"))).toEqual({ ola: "Ana", cli: true });
  });

  it("reports ResourceNotFoundException for an unknown function", async () => {
    const result = await aws("lambda", "get-function", "--function-name", "naoExiste");
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain("ResourceNotFoundException");
    expect(result.stderr).toContain(
      "Function not found: arn:aws:lambda:us-east-1:000000000000:function:naoExiste",
    );
  });
});
