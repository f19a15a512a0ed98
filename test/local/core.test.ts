import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { describe, expect, it } from "vitest";
import { startServer } from "../../src/local/server.js";
import { JsonDocument } from "../../src/local/store.js";
import { tempHome, useEngine } from "../support/engine.js";
import { raw, scopeAuth } from "../support/http.js";

describe("local engine core", () => {
  const engine = useEngine();

  it("answers STS GetCallerIdentity to the SDK", async () => {
    const sts = engine.client(STSClient);
    const id = await sts.send(new GetCallerIdentityCommand({}));
    expect(id.Account).toBe("000000000000");
    expect(id.Arn).toBe("arn:aws:iam::000000000000:root");
    expect(id.UserId).toBe("000000000000");
  });

  it("refuses a second engine on the same data directory, in Portuguese", async () => {
    await expect(startServer({ port: 0, home: engine.home })).rejects.toThrow(
      /Já existe um motor local usando o diretório de dados/,
    );
  });

  it("refuses a port already in use, in Portuguese", async () => {
    const other = tempHome();
    try {
      await expect(startServer({ port: engine.port, home: other.home })).rejects.toThrow(
        /já está em uso/,
      );
    } finally {
      other.cleanup();
    }
  });

  it("answers an unknown service with UnknownOperationException", async () => {
    const res = await raw(engine.url, { headers: { authorization: scopeAuth("kinesis") } });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text).__type).toBe("UnknownOperationException");
  });

  it("answers an unknown query action with InvalidAction", async () => {
    const res = await raw(engine.url, {
      headers: {
        authorization: scopeAuth("sts"),
        "content-type": "application/x-www-form-urlencoded",
      },
      body: "Action=Nope&Version=2011-06-15",
    });
    expect(res.status).toBe(400);
    expect(res.text).toContain("<Code>InvalidAction</Code>");
    expect(res.text).toContain("<Type>Sender</Type>");
  });

  it("routes unsigned requests by X-Amz-Target, path and Action", async () => {
    const dynamo = await raw(engine.url, {
      headers: {
        "x-amz-target": "DynamoDB_20120810.ListTables",
        "content-type": "application/x-amz-json-1.0",
      },
      body: "{}",
    });
    expect(dynamo.status).toBe(200);
    expect(JSON.parse(dynamo.text)).toEqual({ TableNames: [] });
    const glacier = await raw(engine.url, { method: "GET", path: "/-/vaults" });
    expect(glacier.status).toBe(200);
    expect(JSON.parse(glacier.text)).toEqual({ VaultList: [] });
    const sts = await raw(engine.url, {
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "Action=GetCallerIdentity&Version=2011-06-15",
    });
    expect(sts.text).toContain("<Account>000000000000</Account>");
  });

  it("routes presigned requests by their X-Amz-Credential scope", async () => {
    const credential = encodeURIComponent("test/20260101/us-east-1/s3/aws4_request");
    const res = await raw(engine.url, {
      method: "GET",
      path: `/nenhum/objeto?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=${credential}&X-Amz-Signature=00`,
    });
    expect(res.status).toBe(404);
    expect(res.text).toContain("<Code>NoSuchBucket</Code>");
  });
});

describe("data directory lock", () => {
  it("takes over a stale lock left by a dead process", async () => {
    const tmp = tempHome();
    try {
      writeFileSync(join(tmp.home, "engine.lock"), "999999999");
      const engine = await startServer({ port: 0, home: tmp.home });
      await engine.close();
    } finally {
      tmp.cleanup();
    }
  });
});

describe("JSON documents", () => {
  it("persist changes atomically and drop a change that failed half-way", async () => {
    const tmp = tempHome();
    try {
      const file = join(tmp.home, "doc.json");
      const doc = new JsonDocument<{ n: number; tags: string[] }>(file, () => ({ n: 0, tags: [] }));
      await Promise.all(Array.from({ length: 20 }, () => doc.update((d) => void d.n++)));
      expect(JSON.parse(readFileSync(file, "utf8")).n).toBe(20);
      await expect(
        doc.update((d) => {
          d.tags.push("meio");
          throw new Error("falhou");
        }),
      ).rejects.toThrow("falhou");
      expect(await doc.get()).toEqual({ n: 20, tags: [] });
      const again = new JsonDocument<{ n: number }>(file, () => ({ n: -1 }));
      expect((await again.get()).n).toBe(20);
    } finally {
      tmp.cleanup();
    }
  });
});

describe("failures outside the AWS protocols", () => {
  it("refuses a data directory that cannot be created, in Portuguese", async () => {
    await expect(startServer({ port: 0, home: "/dev/null/contabanco" })).rejects.toThrow(
      /Não foi possível criar o diretório de dados \/dev\/null\/contabanco/,
    );
  });

  it("answers a handler that throws with the service's own error shape and keeps serving", async () => {
    const tmp = tempHome();
    const broken = (name: string) => ({
      name,
      async handle(): Promise<never> {
        throw new TypeError("quebrou");
      },
    });
    const engine = await startServer({
      port: 0,
      home: tmp.home,
      services: {
        s3: broken("s3"),
        glacier: broken("glacier"),
        sts: broken("sts"),
        dynamodb: broken("dynamodb"),
      },
    });
    try {
      const s3 = await raw(engine.url, {
        method: "GET",
        path: "/b/k",
        headers: { authorization: scopeAuth("s3") },
      });
      expect(s3.status).toBe(500);
      expect(s3.text).toContain("<Code>InternalError</Code>");
      const glacier = await raw(engine.url, {
        method: "GET",
        path: "/-/vaults",
        headers: { authorization: scopeAuth("glacier") },
      });
      expect(glacier.status).toBe(500);
      expect(JSON.parse(glacier.text)).toMatchObject({
        code: "ServiceUnavailableException",
        type: "Server",
      });
      const sts = await raw(engine.url, {
        headers: { authorization: scopeAuth("sts") },
        body: "Action=GetCallerIdentity",
      });
      expect(sts.text).toContain("<Type>Receiver</Type>");
      const ddb = await raw(engine.url, {
        headers: { authorization: scopeAuth("dynamodb") },
        body: "{}",
      });
      expect(ddb.status).toBe(500);
      expect(JSON.parse(ddb.text).__type).toBe("InternalFailure");
    } finally {
      await engine.close();
      tmp.cleanup();
    }
  });
});
