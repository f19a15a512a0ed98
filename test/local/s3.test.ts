import { createHash } from "node:crypto";
import { Agent } from "node:http";
import type { LookupFunction } from "node:net";
import {
  BucketAlreadyOwnedByYou,
  CopyObjectCommand,
  CreateBucketCommand,
  CreateSessionCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListDirectoryBucketsCommand,
  ListObjectsV2Command,
  NoSuchBucket,
  NoSuchKey,
  NotFound,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { describe, expect, it } from "vitest";
import { s3Actions } from "../../src/local/services/s3/index.js";
import { credentials, type EngineFixture, region, useEngine } from "../support/engine.js";
import { raw, scopeAuth } from "../support/http.js";

/** Resolves every host name (bucket.localhost included) to the loopback address. */
const loopback = ((_host: string, opts: { all?: boolean }, cb: (...args: unknown[]) => void) => {
  if (opts?.all) cb(null, [{ address: "127.0.0.1", family: 4 }]);
  else cb(null, "127.0.0.1", 4);
}) as unknown as LookupFunction;

function client(engine: EngineFixture, pathStyle: boolean, clientRegion = region): S3Client {
  if (pathStyle) {
    return new S3Client({
      endpoint: engine.url,
      region: clientRegion,
      credentials,
      forcePathStyle: true,
    });
  }
  return new S3Client({
    endpoint: `http://localhost:${engine.port}`,
    region: clientRegion,
    credentials,
    forcePathStyle: false,
    requestHandler: new NodeHttpHandler({ httpAgent: new Agent({ lookup: loopback }) }),
  });
}

const md5 = (s: string) => `"${createHash("md5").update(s).digest("hex")}"`;

describe("s3 on the local engine", () => {
  const engine = useEngine();

  for (const pathStyle of [true, false]) {
    const style = pathStyle ? "path style" : "virtual-host style";

    it(`round-trips a general purpose bucket and its objects (${style})`, async () => {
      const s3 = client(engine, pathStyle);
      const Bucket = `dados-${pathStyle ? "p" : "v"}`;
      await s3.send(new CreateBucketCommand({ Bucket }));
      const head = await s3.send(new HeadBucketCommand({ Bucket }));
      expect(head.BucketRegion).toBe("us-east-1");
      const put = await s3.send(
        new PutObjectCommand({
          Bucket,
          Key: "contas/lote 1.json",
          Body: '{"ok":true}',
          ContentType: "application/json",
          Metadata: { origem: "teste" },
        }),
      );
      expect(put.ETag).toBe(md5('{"ok":true}'));
      const got = await s3.send(new GetObjectCommand({ Bucket, Key: "contas/lote 1.json" }));
      expect(await got.Body?.transformToString()).toBe('{"ok":true}');
      expect(got.ContentType).toBe("application/json");
      expect(got.Metadata).toEqual({ origem: "teste" });
      expect(got.ETag).toBe(md5('{"ok":true}'));
      const h = await s3.send(new HeadObjectCommand({ Bucket, Key: "contas/lote 1.json" }));
      expect(h.ContentLength).toBe(11);
      const list = await s3.send(new ListObjectsV2Command({ Bucket, Prefix: "contas/" }));
      expect(list.Contents?.map((c) => c.Key)).toEqual(["contas/lote 1.json"]);
      const names = (await s3.send(new ListBucketsCommand({}))).Buckets?.map((b) => b.Name);
      expect(names).toContain(Bucket);

      const notEmpty = await s3.send(new DeleteBucketCommand({ Bucket })).catch((e) => e);
      expect(notEmpty).toBeInstanceOf(S3ServiceException);
      expect(notEmpty.name).toBe("BucketNotEmpty");
      expect(notEmpty.$metadata.httpStatusCode).toBe(409);

      await s3.send(new DeleteObjectCommand({ Bucket, Key: "contas/lote 1.json" }));
      const missing = await s3
        .send(new GetObjectCommand({ Bucket, Key: "contas/lote 1.json" }))
        .catch((e) => e);
      expect(missing).toBeInstanceOf(NoSuchKey);
      const headMissing = await s3
        .send(new HeadObjectCommand({ Bucket, Key: "contas/lote 1.json" }))
        .catch((e) => e);
      expect(headMissing).toBeInstanceOf(NotFound);
      await s3.send(new DeleteBucketCommand({ Bucket }));
      const gone = await s3.send(new HeadBucketCommand({ Bucket })).catch((e) => e);
      expect(gone).toBeInstanceOf(NotFound);
      const noBucket = await s3.send(new GetObjectCommand({ Bucket, Key: "x" })).catch((e) => e);
      expect(noBucket).toBeInstanceOf(NoSuchBucket);
    });

    it(`round-trips a directory bucket through S3 Express sessions (${style})`, async () => {
      const s3 = client(engine, pathStyle);
      const Bucket = `contabanco-${pathStyle ? "p" : "v"}--use1-az4--x-s3`;
      await s3.send(
        new CreateBucketCommand({
          Bucket,
          CreateBucketConfiguration: {
            Location: { Type: "AvailabilityZone", Name: "use1-az4" },
            Bucket: { Type: "Directory", DataRedundancy: "SingleAvailabilityZone" },
          },
        }),
      );
      const session = await s3.send(new CreateSessionCommand({ Bucket }));
      expect(session.Credentials?.AccessKeyId).toMatch(/^ASIA/);
      expect(session.Credentials?.SessionToken).toBeTruthy();
      expect(session.Credentials?.Expiration).toBeInstanceOf(Date);
      await s3.send(new PutObjectCommand({ Bucket, Key: "a/b.txt", Body: "olá" }));
      const got = await s3.send(new GetObjectCommand({ Bucket, Key: "a/b.txt" }));
      expect(await got.Body?.transformToString()).toBe("olá");
      await s3.send(new HeadBucketCommand({ Bucket }));
      const dirs = await s3.send(new ListDirectoryBucketsCommand({}));
      expect(dirs.Buckets?.map((b) => b.Name)).toContain(Bucket);
      const general = await s3.send(new ListBucketsCommand({}));
      expect(general.Buckets?.map((b) => b.Name) ?? []).not.toContain(Bucket);
      const again = await s3
        .send(
          new CreateBucketCommand({
            Bucket,
            CreateBucketConfiguration: {
              Location: { Type: "AvailabilityZone", Name: "use1-az4" },
              Bucket: { Type: "Directory", DataRedundancy: "SingleAvailabilityZone" },
            },
          }),
        )
        .catch((e) => e);
      expect(again).toBeInstanceOf(BucketAlreadyOwnedByYou);
      await s3.send(new DeleteObjectCommand({ Bucket, Key: "a/b.txt" }));
      await s3.send(new DeleteBucketCommand({ Bucket }));
    });
  }

  it("answers BucketAlreadyOwnedByYou outside us-east-1 and 200 in us-east-1 (legacy)", async () => {
    const east = client(engine, true);
    await east.send(new CreateBucketCommand({ Bucket: "legado" }));
    await east.send(new CreateBucketCommand({ Bucket: "legado" }));
    const eu = client(engine, true, "eu-west-1");
    const cfg = { LocationConstraint: "eu-west-1" as const };
    await eu.send(new CreateBucketCommand({ Bucket: "europa", CreateBucketConfiguration: cfg }));
    const err = await eu
      .send(new CreateBucketCommand({ Bucket: "europa", CreateBucketConfiguration: cfg }))
      .catch((e) => e);
    expect(err).toBeInstanceOf(BucketAlreadyOwnedByYou);
    expect(err.$metadata.httpStatusCode).toBe(409);
  });

  it("refuses invalid bucket names with InvalidBucketName", async () => {
    const s3 = client(engine, true);
    const err = await s3.send(new CreateBucketCommand({ Bucket: "Nome_Invalido" })).catch((e) => e);
    expect(err.name).toBe("InvalidBucketName");
    expect(err.$metadata.httpStatusCode).toBe(400);
  });

  it("answers errors with S3's XML and malformed XML with MalformedXML", async () => {
    const res = await raw(engine.url, {
      method: "GET",
      path: "/nao-existe/chave",
      headers: { authorization: scopeAuth("s3") },
    });
    expect(res.status).toBe(404);
    expect(res.text).toMatch(
      /<Error><Code>NoSuchBucket<\/Code><Message>The specified bucket does not exist<\/Message><BucketName>nao-existe<\/BucketName>/,
    );
    const bad = await raw(engine.url, {
      method: "PUT",
      path: "/mal-formado",
      headers: { authorization: scopeAuth("s3") },
      body: "<CreateBucketConfiguration><oops",
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain("<Code>MalformedXML</Code>");
  });

  it("keeps buckets and objects across a restart", async () => {
    let s3 = client(engine, true);
    await s3.send(new CreateBucketCommand({ Bucket: "duravel" }));
    await s3.send(new PutObjectCommand({ Bucket: "duravel", Key: "k", Body: "v" }));
    await engine.restart();
    s3 = client(engine, true);
    const got = await s3.send(new GetObjectCommand({ Bucket: "duravel", Key: "k" }));
    expect(await got.Body?.transformToString()).toBe("v");
  });

  it("offers in-process actions, CreateSession checking the bucket exists", async () => {
    const err = await s3Actions
      .createSession(engine.server.ctx, { bucket: "falta--use1-az4--x-s3", requireBucket: true })
      .catch((e) => e);
    expect(err.code).toBe("NoSuchBucket");
    await s3Actions.createBucket(engine.server.ctx, { bucket: "existe--use1-az4--x-s3" });
    const ok = await s3Actions.createSession(engine.server.ctx, {
      bucket: "existe--use1-az4--x-s3",
      requireBucket: true,
    });
    expect(ok.Credentials.SecretAccessKey).toBeTruthy();
  });

  it("copies objects (COPY and REPLACE metadata) and deletes many at once", async () => {
    const s3 = client(engine, true);
    await s3.send(new CreateBucketCommand({ Bucket: "copias" }));
    await s3.send(
      new PutObjectCommand({
        Bucket: "copias",
        Key: "origem/a b.txt",
        Body: "dados",
        ContentType: "text/plain",
        Metadata: { dono: "maria" },
      }),
    );
    const copied = await s3.send(
      new CopyObjectCommand({ Bucket: "copias", Key: "c1", CopySource: "copias/origem/a%20b.txt" }),
    );
    expect(copied.CopyObjectResult?.ETag).toBe(md5("dados"));
    const c1 = await s3.send(new GetObjectCommand({ Bucket: "copias", Key: "c1" }));
    expect(await c1.Body?.transformToString()).toBe("dados");
    expect(c1.Metadata).toEqual({ dono: "maria" });
    expect(c1.ContentType).toBe("text/plain");
    await s3.send(
      new CopyObjectCommand({
        Bucket: "copias",
        Key: "c2",
        CopySource: "copias/origem/a%20b.txt",
        MetadataDirective: "REPLACE",
        Metadata: { dono: "joao" },
      }),
    );
    const c2 = await s3.send(new HeadObjectCommand({ Bucket: "copias", Key: "c2" }));
    expect(c2.Metadata).toEqual({ dono: "joao" });
    const missing = await s3
      .send(new CopyObjectCommand({ Bucket: "copias", Key: "c3", CopySource: "copias/nada" }))
      .catch((e) => e);
    expect(missing).toBeInstanceOf(NoSuchKey);
    const deleted = await s3.send(
      new DeleteObjectsCommand({
        Bucket: "copias",
        Delete: {
          Objects: [{ Key: "c1" }, { Key: "c2" }, { Key: "origem/a b.txt" }, { Key: "nunca" }],
        },
      }),
    );
    expect(deleted.Deleted?.map((d) => d.Key).sort()).toEqual([
      "c1",
      "c2",
      "nunca",
      "origem/a b.txt",
    ]);
    const left = await s3.send(new ListObjectsV2Command({ Bucket: "copias" }));
    expect(left.KeyCount).toBe(0);
    await s3.send(new DeleteBucketCommand({ Bucket: "copias" }));
  });

  it("lists with prefix, delimiter and continuation tokens", async () => {
    const s3 = client(engine, true);
    await s3.send(new CreateBucketCommand({ Bucket: "listas" }));
    for (const Key of ["a/1", "a/2", "b/1", "b/2", "c"]) {
      await s3.send(new PutObjectCommand({ Bucket: "listas", Key, Body: Key }));
    }
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page = await s3.send(
        new ListObjectsV2Command({
          Bucket: "listas",
          Delimiter: "/",
          MaxKeys: 1,
          ContinuationToken: token,
        }),
      );
      seen.push(
        ...(page.CommonPrefixes ?? []).map((p) => p.Prefix ?? ""),
        ...(page.Contents ?? []).map((c) => c.Key ?? ""),
      );
      token = page.NextContinuationToken;
    } while (token);
    expect(seen).toEqual(["a/", "b/", "c"]);
  });
});
