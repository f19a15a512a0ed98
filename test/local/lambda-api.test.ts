// The Lambda API of the local engine through @aws-sdk/client-lambda against the real server.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  CreateFunctionCommand,
  DeleteFunctionCommand,
  GetFunctionCommand,
  GetFunctionConfigurationCommand,
  InvalidParameterValueException,
  InvokeCommand,
  LambdaClient,
  ListFunctionsCommand,
  ListVersionsByFunctionCommand,
  PublishVersionCommand,
  ResourceConflictException,
  ResourceNotFoundException,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
} from "@aws-sdk/client-lambda";
import { beforeAll, describe, expect, it } from "vitest";
import { useEngine } from "../support/engine.js";
import { ROLE, zipOf } from "./lambda/helpers.js";

const server = useEngine({ prefix: "contabanco-lambda-api-" });
let lambda: LambdaClient;

const ECHO = zipOf({
  "index.mjs": `export const handler = async (event, context) => {
    if (event.falhar) { const e = new Error("falhou"); e.name = "Falha"; throw e; }
    console.log("evento", JSON.stringify(event));
    return { v: 1, event, version: context.functionVersion, env: process.env.COR ?? null };
  };`,
});
const ECHO_V2 = zipOf({
  "index.mjs": `export const handler = async (event, context) => ({ v: 2, version: context.functionVersion });`,
});

/** Whether a process is still running (a zombie awaiting its reaper counts as ended). */
function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
}

const decode = (p?: Uint8Array) => JSON.parse(Buffer.from(p ?? []).toString("utf8") || "null");

beforeAll(() => {
  lambda = server.client(LambdaClient, { maxAttempts: 1 });
});

describe("function lifecycle", () => {
  it("creates a function and returns its configuration as Lambda does", async () => {
    const out = await lambda.send(
      new CreateFunctionCommand({
        FunctionName: "eco",
        Runtime: "nodejs20.x",
        Role: ROLE,
        Handler: "index.handler",
        Code: { ZipFile: ECHO },
        Publish: true,
      }),
    );
    expect(out.$metadata.httpStatusCode).toBe(201);
    expect(out).toMatchObject({
      FunctionName: "eco",
      FunctionArn: "arn:aws:lambda:us-east-1:000000000000:function:eco:1",
      Runtime: "nodejs20.x",
      Role: ROLE,
      Handler: "index.handler",
      CodeSize: ECHO.length,
      CodeSha256: createHash("sha256").update(ECHO).digest("base64"),
      Version: "1",
      Timeout: 3,
      MemorySize: 128,
      State: "Active",
      LastUpdateStatus: "Successful",
      PackageType: "Zip",
      Architectures: ["x86_64"],
    });
    expect(out.LastModified).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/);
    expect(out.RevisionId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("refuses a second function with the same name (ResourceConflictException, 409)", async () => {
    const error = await lambda
      .send(
        new CreateFunctionCommand({
          FunctionName: "eco",
          Runtime: "nodejs20.x",
          Role: ROLE,
          Handler: "index.handler",
          Code: { ZipFile: ECHO },
        }),
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResourceConflictException);
    expect((error as ResourceConflictException).message).toBe("Function already exist: eco");
    expect((error as ResourceConflictException).$metadata.httpStatusCode).toBe(409);
    expect((error as ResourceConflictException).Type).toBe("User");
  });

  it("refuses an unreadable zip and a runtime it cannot run (InvalidParameterValueException)", async () => {
    const base = { Role: ROLE, Handler: "index.handler" };
    const badZip = await lambda
      .send(
        new CreateFunctionCommand({
          ...base,
          FunctionName: "quebrada",
          Runtime: "nodejs20.x",
          Code: { ZipFile: Buffer.from("não é um zip") },
        }),
      )
      .catch((e: unknown) => e);
    expect(badZip).toBeInstanceOf(InvalidParameterValueException);
    expect((badZip as Error).message).toBe(
      "Could not unzip uploaded file. Please check your file, then try to upload again.",
    );
    const python = await lambda
      .send(
        new CreateFunctionCommand({
          ...base,
          FunctionName: "py",
          Runtime: "python3.12",
          Code: { ZipFile: ECHO },
        }),
      )
      .catch((e: unknown) => e);
    expect(python).toBeInstanceOf(InvalidParameterValueException);
  });

  it("gets the function, its configuration and its code", async () => {
    const fn = await lambda.send(new GetFunctionCommand({ FunctionName: "eco" }));
    expect(fn.Configuration?.FunctionArn).toBe(
      "arn:aws:lambda:us-east-1:000000000000:function:eco",
    );
    expect(fn.Configuration?.Version).toBe("$LATEST");
    expect(fn.Code?.RepositoryType).toBe("S3");
    const code = await fetch(fn.Code?.Location ?? "");
    expect(Buffer.from(await code.arrayBuffer())).toEqual(Buffer.from(ECHO));
    const config = await lambda.send(
      new GetFunctionConfigurationCommand({
        FunctionName: "arn:aws:lambda:us-east-1:000000000000:function:eco",
        Qualifier: "1",
      }),
    );
    expect(config.Version).toBe("1");
  });

  it("lists functions, with pagination", async () => {
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName: "segunda",
        Runtime: "nodejs22.x",
        Role: ROLE,
        Handler: "index.handler",
        Code: { ZipFile: ECHO },
      }),
    );
    const all = await lambda.send(new ListFunctionsCommand({}));
    expect(all.Functions?.map((f) => f.FunctionName)).toEqual(["eco", "segunda"]);
    const first = await lambda.send(new ListFunctionsCommand({ MaxItems: 1 }));
    expect(first.Functions?.map((f) => f.FunctionName)).toEqual(["eco"]);
    const second = await lambda.send(
      new ListFunctionsCommand({ MaxItems: 1, Marker: first.NextMarker }),
    );
    expect(second.Functions?.map((f) => f.FunctionName)).toEqual(["segunda"]);
    expect(second.NextMarker).toBeUndefined();
    const versions = await lambda.send(new ListFunctionsCommand({ FunctionVersion: "ALL" }));
    expect(versions.Functions?.map((f) => `${f.FunctionName}:${f.Version}`)).toEqual([
      "eco:$LATEST",
      "eco:1",
      "segunda:$LATEST",
    ]);
  });

  it("updates code and configuration, publishes versions and invokes each one", async () => {
    const code = await lambda.send(
      new UpdateFunctionCodeCommand({ FunctionName: "eco", ZipFile: ECHO_V2 }),
    );
    expect(code.CodeSha256).toBe(createHash("sha256").update(ECHO_V2).digest("base64"));
    expect(code.Version).toBe("$LATEST");
    const latest = await lambda.send(new InvokeCommand({ FunctionName: "eco" }));
    expect(decode(latest.Payload)).toEqual({ v: 2, version: "$LATEST" });
    expect(latest.ExecutedVersion).toBe("$LATEST");
    const v1 = await lambda.send(new InvokeCommand({ FunctionName: "eco", Qualifier: "1" }));
    expect(decode(v1.Payload)).toMatchObject({ v: 1, version: "1" });
    expect(v1.ExecutedVersion).toBe("1");
    const published = await lambda.send(new PublishVersionCommand({ FunctionName: "eco" }));
    expect(published.Version).toBe("2");
    const again = await lambda.send(new PublishVersionCommand({ FunctionName: "eco" }));
    expect(again.Version).toBe("2"); // unchanged code and configuration: no new version
    const byName = await lambda.send(new ListVersionsByFunctionCommand({ FunctionName: "eco" }));
    expect(byName.Versions?.map((v) => v.Version)).toEqual(["$LATEST", "1", "2"]);
    const updated = await lambda.send(
      new UpdateFunctionConfigurationCommand({
        FunctionName: "eco",
        Timeout: 10,
        MemorySize: 256,
        Environment: { Variables: { COR: "azul" } },
      }),
    );
    expect(updated).toMatchObject({
      Timeout: 10,
      MemorySize: 256,
      Environment: { Variables: { COR: "azul" } },
    });
    expect(updated.RevisionId).not.toBe(code.RevisionId);
  });
});

describe("Invoke", () => {
  it("returns the payload, the error document with FunctionError, and the log tail", async () => {
    await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: "eco", ZipFile: ECHO }));
    const ok = await lambda.send(
      new InvokeCommand({
        FunctionName: "eco",
        Payload: JSON.stringify({ a: 1 }),
        LogType: "Tail",
      }),
    );
    expect(ok.StatusCode).toBe(200);
    expect(ok.FunctionError).toBeUndefined();
    expect(decode(ok.Payload)).toEqual({ v: 1, event: { a: 1 }, version: "$LATEST", env: "azul" });
    const log = Buffer.from(ok.LogResult ?? "", "base64").toString("utf8");
    expect(log).toContain('\tINFO\tevento {"a":1}\n');
    expect(log).toMatch(/^START RequestId: /);
    const failed = await lambda.send(
      new InvokeCommand({ FunctionName: "eco", Payload: JSON.stringify({ falhar: true }) }),
    );
    expect(failed.StatusCode).toBe(200);
    expect(failed.FunctionError).toBe("Unhandled");
    expect(decode(failed.Payload)).toMatchObject({ errorType: "Falha", errorMessage: "falhou" });
  });

  it("accepts Event (202) and DryRun (204) invocations", async () => {
    const event = await lambda.send(
      new InvokeCommand({ FunctionName: "eco", InvocationType: "Event", Payload: "{}" }),
    );
    expect(event.StatusCode).toBe(202);
    const dry = await lambda.send(
      new InvokeCommand({ FunctionName: "eco", InvocationType: "DryRun" }),
    );
    expect(dry.StatusCode).toBe(204);
  });

  it("raises ResourceNotFoundException for an unknown function or version", async () => {
    const error = await lambda
      .send(new InvokeCommand({ FunctionName: "fantasma" }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect((error as Error).message).toBe(
      "Function not found: arn:aws:lambda:us-east-1:000000000000:function:fantasma",
    );
    const version = await lambda
      .send(new InvokeCommand({ FunctionName: "eco", Qualifier: "99" }))
      .catch((e: unknown) => e);
    expect(version).toBeInstanceOf(ResourceNotFoundException);
  });

  const zipPath = fileURLToPath(new URL("../../dist/lambda/contaBanco.zip", import.meta.url));
  it.skipIf(!existsSync(zipPath))(
    "runs the real contaBanco zip (skipped when dist/lambda/contaBanco.zip is not built: run npm run build)",
    async () => {
      await lambda.send(
        new CreateFunctionCommand({
          FunctionName: "contaBanco",
          Runtime: "nodejs20.x",
          Role: ROLE,
          Handler: "index.handler",
          Code: { ZipFile: readFileSync(zipPath) },
        }),
      );
      const valid = await lambda.send(
        new InvokeCommand({
          FunctionName: "contaBanco",
          Payload: JSON.stringify({
            titular: "Ana Lima",
            documento: "123.456.789-09",
            banco: "341",
            agencia: "2545",
            conta: "02366-1",
          }),
        }),
      );
      expect(valid.FunctionError).toBeUndefined();
      expect(decode(valid.Payload)).toMatchObject({
        id: "341-2545-02366-1",
        banco: "341",
        contaDv: "1",
      });
      const invalid = await lambda.send(
        new InvokeCommand({
          FunctionName: "contaBanco",
          Payload: JSON.stringify({
            titular: "Ana",
            documento: "111.111.111-11",
            banco: "341",
            agencia: "2545",
            conta: "02366-9",
          }),
        }),
      );
      expect(invalid.FunctionError).toBe("Unhandled");
      const doc = decode(invalid.Payload);
      expect(doc.errorType).toBe("ContaInvalida");
      expect(doc.errorMessage).toMatch(/^Conta inválida: /);
      expect(Array.isArray(doc.trace)).toBe(true);
    },
  );
});

describe("deletion and persistence", () => {
  it("deletes a version, then the function", async () => {
    await lambda.send(new DeleteFunctionCommand({ FunctionName: "eco", Qualifier: "1" }));
    const gone = await lambda
      .send(new GetFunctionConfigurationCommand({ FunctionName: "eco", Qualifier: "1" }))
      .catch((e: unknown) => e);
    expect(gone).toBeInstanceOf(ResourceNotFoundException);
    await lambda.send(new DeleteFunctionCommand({ FunctionName: "segunda" }));
    const error = await lambda
      .send(new GetFunctionCommand({ FunctionName: "segunda" }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect((error as Error).message).toBe(
      "Function not found: arn:aws:lambda:us-east-1:000000000000:function:segunda",
    );
  });

  it("stops its worker processes with the engine, keeps functions across a restart", async () => {
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName: "pid",
        Runtime: "nodejs20.x",
        Role: ROLE,
        Handler: "index.handler",
        Code: { ZipFile: zipOf({ "index.js": "exports.handler = async () => process.pid;" }) },
      }),
    );
    const pid = decode((await lambda.send(new InvokeCommand({ FunctionName: "pid" }))).Payload);
    expect(alive(pid)).toBe(true);
    await server.restart(() => expect(alive(pid)).toBe(false));
    lambda = server.client(LambdaClient, { maxAttempts: 1 });
    const names = (await lambda.send(new ListFunctionsCommand({}))).Functions?.map(
      (f) => f.FunctionName,
    );
    expect(names).toContain("eco");
    expect(names).not.toContain("segunda");
    const out = await lambda.send(new InvokeCommand({ FunctionName: "eco", Payload: "{}" }));
    expect(decode(out.Payload)).toMatchObject({ v: 1, env: "azul" });
  });
});
