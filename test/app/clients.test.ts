import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import { StartSyncExecutionCommand } from "@aws-sdk/client-sfn";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClients } from "../../src/app/clients.js";
import { resolveConfig } from "../../src/app/config.js";

// A real HTTP endpoint that records what the SDK sends and answers just enough XML.
const seen: { method: string; url: string; authorization: string; host: string }[] = [];
let server: Server;
let port: number;

function answer(req: IncomingMessage): string {
  if (req.headers.authorization?.includes("/sts/")) {
    return `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:iam::000000000000:root</Arn><UserId>AKIA</UserId><Account>000000000000</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></GetCallerIdentityResponse>`;
  }
  return `<?xml version="1.0" encoding="UTF-8"?><ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>dados</Name><KeyCount>0</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated></ListBucketResult>`;
}

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      seen.push({
        method: req.method ?? "",
        url: req.url ?? "",
        authorization: req.headers.authorization ?? "",
        host: req.headers.host ?? "",
      });
      if (String(req.headers["x-amz-target"] ?? "").startsWith("AWSStepFunctions.")) {
        res.writeHead(200, { "content-type": "application/x-amz-json-1.0" });
        res.end(JSON.stringify({ executionArn: EXECUTION, status: "SUCCEEDED", startDate: 0 }));
        return;
      }
      res.writeHead(200, { "content-type": "text/xml" });
      res.end(answer(req));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const EXECUTION = "arn:aws:states:us-east-1:000000000000:express:cadastro:e1:x";
const platform = { homedir: "/nao-existe", platform: "linux" };

describe("createClients", () => {
  it("sends local-target calls to 127.0.0.1:<port> signed with the dummy keys", async () => {
    const config = resolveConfig({}, { CONTABANCO_PORT: String(port) }, platform);
    const clients = createClients(config);
    const sts = await clients.sts();
    expect(await clients.sts()).toBe(sts);
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    expect(identity.Account).toBe("000000000000");
    const last = seen.at(-1)!;
    expect(last.authorization).toMatch(/Credential=test\/\d{8}\/us-east-1\/sts\/aws4_request/);
    clients.destroy();
  });

  it("addresses S3 buckets path-style on a custom endpoint", async () => {
    const config = resolveConfig(
      { endpointUrl: `http://127.0.0.1:${port}`, region: "sa-east-1" },
      {},
      platform,
    );
    const previous = { ...process.env };
    // No credentials anywhere: the endpoint target falls back to the dummy keys.
    for (const key of ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_PROFILE"]) {
      delete process.env[key];
    }
    process.env.AWS_EC2_METADATA_DISABLED = "true";
    process.env.AWS_SHARED_CREDENTIALS_FILE = "/nao-existe/credentials";
    process.env.AWS_CONFIG_FILE = "/nao-existe/config";
    try {
      const clients = createClients(config);
      const s3 = await clients.s3();
      const listed = await s3.send(new ListObjectsV2Command({ Bucket: "dados" }));
      expect(listed.KeyCount).toBe(0);
      const last = seen.at(-1)!;
      expect(last.url.startsWith("/dados")).toBe(true);
      expect(last.authorization).toMatch(/Credential=test\/\d{8}\/sa-east-1\/s3\/aws4_request/);
      clients.destroy();
    } finally {
      process.env = previous;
    }
  });

  it("uses the default credential chain when it finds keys", async () => {
    const config = resolveConfig({ endpointUrl: `http://127.0.0.1:${port}` }, {}, platform);
    const previous = { ...process.env };
    process.env.AWS_ACCESS_KEY_ID = "AKIAEXEMPLO";
    process.env.AWS_SECRET_ACCESS_KEY = "segredo";
    try {
      const clients = createClients(config);
      await (await clients.sts()).send(new GetCallerIdentityCommand({}));
      expect(seen.at(-1)!.authorization).toContain("Credential=AKIAEXEMPLO/");
      clients.destroy();
    } finally {
      process.env = previous;
    }
  });

  it("sends StartSyncExecution to the endpoint's own host (no sync- prefix)", async () => {
    for (const config of [
      resolveConfig({}, { CONTABANCO_PORT: String(port) }, platform),
      resolveConfig({ endpointUrl: `http://127.0.0.1:${port}` }, {}, platform),
    ]) {
      const previous = { ...process.env };
      process.env.AWS_ACCESS_KEY_ID = "AKIAEXEMPLO";
      process.env.AWS_SECRET_ACCESS_KEY = "segredo";
      try {
        const clients = createClients(config);
        const sfn = await clients.sfn();
        const out = await sfn.send(
          new StartSyncExecutionCommand({ stateMachineArn: EXECUTION.replace(":e1:x", "") }),
        );
        expect(out.status).toBe("SUCCEEDED");
        expect(seen.at(-1)!.host).toBe(`127.0.0.1:${port}`);
        clients.destroy();
      } finally {
        process.env = previous;
      }
    }
  });

  it("keeps the sync- host prefix for AWS itself", async () => {
    const clients = createClients(resolveConfig({ target: "aws" }, {}, platform));
    const sfn = await clients.sfn();
    expect(sfn.config.disableHostPrefix).toBe(false);
    clients.destroy();
  });

  it("builds a document client over the DynamoDB client", async () => {
    const clients = createClients(resolveConfig({}, {}, platform));
    const doc = await clients.documentClient();
    expect(doc.config.translateConfig?.marshallOptions?.removeUndefinedValues).toBe(true);
    clients.destroy();
  });
});
