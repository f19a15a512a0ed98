// The AWS CLI as an independent client of the local engine.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AWS_CLI, awsCli, awsCliEnv } from "../support/aws-cli.js";
import { useEngine } from "../support/engine.js";

// No skipping: .ci/run installs the AWS CLI, and a machine without it fails here, as the other
// AWS CLI tests do (awsCli rejects).
describe.concurrent("the AWS CLI against the local engine", { timeout: 120_000 }, () => {
  const engine = useEngine();

  it("finds the AWS CLI (/usr/bin/aws, or aws on PATH)", () => {
    expect(AWS_CLI, "instale o AWS CLI: apt-get install awscli").toBeTruthy();
  });

  const env = awsCliEnv(engine.home);
  async function cli(...args: string[]): Promise<Record<string, unknown>> {
    const r = await awsCli(engine.url, args, env, 20_000);
    if (r.code !== 0) throw Object.assign(new Error(r.stderr), { stderr: r.stderr });
    return r.stdout.trim() === "" ? {} : (JSON.parse(r.stdout) as Record<string, unknown>);
  }
  async function cliError(...args: string[]): Promise<string> {
    const r = await awsCli(engine.url, args, env, 20_000);
    if (r.code === 0) throw new Error("o comando deveria ter falhado");
    return r.stderr;
  }

  it("sts get-caller-identity", async () => {
    const id = await cli("sts", "get-caller-identity");
    expect(id.Account).toBe("000000000000");
    expect(id.Arn).toBe("arn:aws:iam::000000000000:root");
  });

  it("dynamodb create-table, put-item, get-item, query", async () => {
    const created = await cli(
      "dynamodb",
      "create-table",
      "--table-name",
      "contas",
      "--attribute-definitions",
      "AttributeName=id,AttributeType=S",
      "--key-schema",
      "AttributeName=id,KeyType=HASH",
      "--billing-mode",
      "PAY_PER_REQUEST",
    );
    expect((created.TableDescription as { TableName: string }).TableName).toBe("contas");
    // The engine keeps tables CREATING for 50 ms; a CLI start-up takes longer than that.
    await cli(
      "dynamodb",
      "put-item",
      "--table-name",
      "contas",
      "--item",
      JSON.stringify({ id: { S: "341-2545-02366-1" }, titular: { S: "Maria" } }),
    );
    const got = await cli(
      "dynamodb",
      "get-item",
      "--table-name",
      "contas",
      "--key",
      JSON.stringify({ id: { S: "341-2545-02366-1" } }),
    );
    expect(got.Item).toEqual({ id: { S: "341-2545-02366-1" }, titular: { S: "Maria" } });
    const q = await cli(
      "dynamodb",
      "query",
      "--table-name",
      "contas",
      "--key-condition-expression",
      "id = :id",
      "--expression-attribute-values",
      JSON.stringify({ ":id": { S: "341-2545-02366-1" } }),
    );
    expect(q.Count).toBe(1);
    const err = await cliError(
      "dynamodb",
      "get-item",
      "--table-name",
      "nada",
      "--key",
      JSON.stringify({ id: { S: "x" } }),
    );
    expect(err).toContain("ResourceNotFoundException");
  });

  it("s3api create-bucket, put-object, get-object, list-objects-v2", async () => {
    const dir = mkdtempSync(join(tmpdir(), "contabanco-cli-"));
    const file = join(dir, "in.txt");
    writeFileSync(file, "conteúdo do lote");
    await cli("s3api", "create-bucket", "--bucket", "lotes");
    const put = await cli(
      "s3api",
      "put-object",
      "--bucket",
      "lotes",
      "--key",
      "a/b.txt",
      "--body",
      file,
    );
    expect(put.ETag).toMatch(/^"[0-9a-f]{32}"$/);
    const out = join(dir, "out.txt");
    const got = await cli("s3api", "get-object", "--bucket", "lotes", "--key", "a/b.txt", out);
    expect(got.ContentLength).toBe(Buffer.byteLength("conteúdo do lote"));
    expect(readFileSync(out, "utf8")).toBe("conteúdo do lote");
    const list = await cli("s3api", "list-objects-v2", "--bucket", "lotes");
    expect((list.Contents as { Key: string }[]).map((c) => c.Key)).toEqual(["a/b.txt"]);
    const err = await cliError("s3api", "get-object", "--bucket", "lotes", "--key", "nada", out);
    expect(err).toContain("NoSuchKey");
    // The high-level commands: a 9 MiB file goes up as a multipart upload.
    const big = join(dir, "grande.bin");
    writeFileSync(big, Buffer.alloc(9 * 1024 * 1024, 7));
    await cli("s3", "cp", big, "s3://lotes/grande.bin", "--only-show-errors");
    const head = await cli("s3api", "head-object", "--bucket", "lotes", "--key", "grande.bin");
    expect(head.ContentLength).toBe(9 * 1024 * 1024);
    expect(head.ETag).toMatch(/-2"$/);
    rmSync(dir, { recursive: true, force: true });
  });

  it("glacier create-vault, set-vault-access-policy, get-vault-access-policy", async () => {
    const created = await cli(
      "glacier",
      "create-vault",
      "--account-id",
      "-",
      "--vault-name",
      "arquivo",
    );
    expect(created.location).toBe("/000000000000/vaults/arquivo");
    const policy = JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        { Effect: "Deny", Principal: "*", Action: "glacier:DeleteArchive", Resource: "*" },
      ],
    });
    await cli(
      "glacier",
      "set-vault-access-policy",
      "--account-id",
      "-",
      "--vault-name",
      "arquivo",
      "--policy",
      JSON.stringify({ Policy: policy }),
    );
    const got = await cli(
      "glacier",
      "get-vault-access-policy",
      "--account-id",
      "-",
      "--vault-name",
      "arquivo",
    );
    expect((got.policy as { Policy: string }).Policy).toBe(policy);
    const err = await cliError(
      "glacier",
      "describe-vault",
      "--account-id",
      "-",
      "--vault-name",
      "nada",
    );
    expect(err).toContain("ResourceNotFoundException");
  });

  it("iam create-role, get-role", async () => {
    const trust = JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Service: "lambda.amazonaws.com" },
          Action: "sts:AssumeRole",
        },
      ],
    });
    await cli("iam", "create-role", "--role-name", "papel", "--assume-role-policy-document", trust);
    const got = await cli("iam", "get-role", "--role-name", "papel");
    const role = got.Role as { Arn: string; AssumeRolePolicyDocument: unknown };
    expect(role.Arn).toBe("arn:aws:iam::000000000000:role/papel");
    // botocore decodes the URL-encoded document into JSON.
    expect(role.AssumeRolePolicyDocument).toEqual(JSON.parse(trust));
  });
});
