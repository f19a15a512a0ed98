import { Agent } from "node:http";
import type { LookupFunction } from "node:net";
import { DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { GlacierClient, ListVaultsCommand } from "@aws-sdk/client-glacier";
import { CreateRoleCommand, IAMClient } from "@aws-sdk/client-iam";
import { LambdaClient, ListFunctionsCommand } from "@aws-sdk/client-lambda";
import {
  CreateBucketCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { ListStateMachinesCommand, SFNClient } from "@aws-sdk/client-sfn";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { describe, expect, it } from "vitest";
import { region, useEngine } from "../support/engine.js";
import { raw } from "../support/http.js";

const good = { accessKeyId: "AKIALOCAL", secretAccessKey: "segredo/local+chave" };
const wrongSecret = { accessKeyId: "AKIALOCAL", secretAccessKey: "outro" };
const unknownKey = { accessKeyId: "AKIANINGUEM", secretAccessKey: "x" };

const loopback = ((_h: string, o: { all?: boolean }, cb: (...a: unknown[]) => void) => {
  if (o?.all) cb(null, [{ address: "127.0.0.1", family: 4 }]);
  else cb(null, "127.0.0.1", 4);
}) as unknown as LookupFunction;

describe("strict SigV4 verification", () => {
  const engine = useEngine({ credentials: { [good.accessKeyId]: good.secretAccessKey } });
  const opts = (credentials: typeof good) => ({ endpoint: engine.url, region, credentials });

  it("accepts correctly signed requests to every service", async () => {
    expect((await new STSClient(opts(good)).send(new GetCallerIdentityCommand({}))).Account).toBe(
      "000000000000",
    );
    await new DynamoDBClient(opts(good)).send(new ListTablesCommand({}));
    await new GlacierClient(opts(good)).send(new ListVaultsCommand({ accountId: "-" }));
    await new IAMClient(opts(good)).send(
      new CreateRoleCommand({
        RoleName: "assinado",
        AssumeRolePolicyDocument: '{"Version":"2012-10-17","Statement":[]}',
      }),
    );
    await new LambdaClient(opts(good)).send(new ListFunctionsCommand({}));
    await new SFNClient(opts(good)).send(new ListStateMachinesCommand({}));
  });

  for (const pathStyle of [true, false]) {
    it(`accepts signed S3 requests, keys with spaces and symbols, ${pathStyle ? "path" : "virtual-host"} style`, async () => {
      const s3 = new S3Client(
        pathStyle
          ? { ...opts(good), forcePathStyle: true }
          : {
              endpoint: `http://localhost:${engine.port}`,
              region,
              credentials: good,
              requestHandler: new NodeHttpHandler({ httpAgent: new Agent({ lookup: loopback }) }),
            },
      );
      for (const Bucket of [
        `assinado-${pathStyle ? "p" : "v"}`,
        `assinado-${pathStyle ? "p" : "v"}--use1-az4--x-s3`,
      ]) {
        await s3.send(new CreateBucketCommand({ Bucket }));
        const Key = "pasta/arquivo com espaço+ç&=.txt";
        await s3.send(new PutObjectCommand({ Bucket, Key, Body: "ok" }));
        const got = await s3.send(new GetObjectCommand({ Bucket, Key }));
        expect(await got.Body?.transformToString()).toBe("ok");
        const list = await s3.send(
          new ListObjectsV2Command({ Bucket, Prefix: "pasta/arquivo com" }),
        );
        expect(list.Contents?.map((c) => c.Key)).toEqual([Key]);
      }
    });
  }

  it("refuses a wrong secret with each service's signature error and status", async () => {
    const bad = opts(wrongSecret);
    const calls: [string, () => Promise<unknown>, string, number][] = [
      [
        "sts",
        () => new STSClient(bad).send(new GetCallerIdentityCommand({})),
        "SignatureDoesNotMatch",
        403,
      ],
      [
        "iam",
        () =>
          new IAMClient(bad).send(
            new CreateRoleCommand({ RoleName: "nunca", AssumeRolePolicyDocument: "{}" }),
          ),
        "SignatureDoesNotMatch",
        403,
      ],
      // awsJson services: every client error is a 400 (DynamoDB's error handling guide).
      [
        "dynamodb",
        () => new DynamoDBClient(bad).send(new ListTablesCommand({})),
        "InvalidSignatureException",
        400,
      ],
      [
        "states",
        () => new SFNClient(bad).send(new ListStateMachinesCommand({})),
        "InvalidSignatureException",
        400,
      ],
      [
        "lambda",
        () => new LambdaClient(bad).send(new ListFunctionsCommand({})),
        "InvalidSignatureException",
        403,
      ],
      [
        "glacier",
        () => new GlacierClient(bad).send(new ListVaultsCommand({ accountId: "-" })),
        "InvalidSignatureException",
        403,
      ],
      [
        "s3",
        () =>
          new S3Client({ ...bad, forcePathStyle: true }).send(
            new GetObjectCommand({ Bucket: "assinado-p", Key: "x" }),
          ),
        "SignatureDoesNotMatch",
        403,
      ],
    ];
    for (const [service, call, code, status] of calls) {
      const err = (await call().then(
        () => ({}),
        (e) => e,
      )) as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
      expect(err.name, service).toBe(code);
      expect(err.$metadata?.httpStatusCode, service).toBe(status);
      expect(err.message, service).toMatch(/^The request signature we calculated does not match/);
    }
  });

  it("refuses an unknown access key and an unsigned request", async () => {
    const sts = await new STSClient(opts(unknownKey))
      .send(new GetCallerIdentityCommand({}))
      .catch((e) => e);
    expect(sts.name).toBe("InvalidClientTokenId");
    const ddb = await new DynamoDBClient(opts(unknownKey))
      .send(new ListTablesCommand({}))
      .catch((e) => e);
    expect(ddb.name).toBe("UnrecognizedClientException");
    const s3 = await new S3Client({ ...opts(unknownKey), forcePathStyle: true })
      .send(new GetObjectCommand({ Bucket: "assinado-p", Key: "x" }))
      .catch((e) => e);
    expect(s3.name).toBe("InvalidAccessKeyId");
    const unsigned = await raw(engine.url, {
      headers: {
        "x-amz-target": "DynamoDB_20120810.ListTables",
        "content-type": "application/x-amz-json-1.0",
      },
      body: "{}",
    });
    expect(unsigned.status).toBe(400);
    expect(JSON.parse(unsigned.text).__type).toBe("MissingAuthenticationTokenException");
  });
});
