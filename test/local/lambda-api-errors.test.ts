// Malformed requests to the local Lambda API: each gets Lambda's error shape, none a 5xx.
import {
  DeleteFunctionCommand,
  InvalidParameterValueException,
  InvokeCommand,
  LambdaClient,
  ListFunctionsCommand,
  ResourceNotFoundException,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
} from "@aws-sdk/client-lambda";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { useEngine } from "../support/engine.js";
import { ROLE, zipBase64 } from "./lambda/helpers.js";

const server = useEngine({ prefix: "contabanco-lambda-errors-" });
let lambda: LambdaClient;

beforeAll(async () => {
  lambda = server.client(LambdaClient, { maxAttempts: 1 });
  const res = await fetch(`${server.url}/2015-03-31/functions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      FunctionName: "eco",
      Runtime: "nodejs20.x",
      Role: ROLE,
      Handler: "index.handler",
      Code: { ZipFile: zipBase64({ "index.js": "exports.handler = async (e) => e;" }) },
    }),
  });
  expect(res.status).toBe(201);
});

describe("malformed requests", () => {
  const auth =
    "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/lambda/aws4_request, SignedHeaders=host, Signature=00";
  async function send(
    method: string,
    path: string,
    body?: string,
    headers: Record<string, string> = {},
  ) {
    const res = await fetch(server.url + path, {
      method,
      headers: { authorization: auth, "content-type": "application/json", ...headers },
      body,
    });
    const text = await res.text();
    return { status: res.status, type: res.headers.get("x-amzn-errortype"), text };
  }

  it("answers each with Lambda's error shape", async () => {
    const notJson = await send("POST", "/2015-03-31/functions", "{nope");
    expect([notJson.status, notJson.type]).toEqual([400, "SerializationException"]);
    const wrongType = await send(
      "POST",
      "/2015-03-31/functions",
      JSON.stringify({ FunctionName: 5 }),
    );
    expect([wrongType.status, wrongType.type]).toEqual([400, "SerializationException"]);
    const badName = await send(
      "POST",
      "/2015-03-31/functions",
      JSON.stringify({
        FunctionName: "não pode",
        Role: ROLE,
        Runtime: "nodejs20.x",
        Handler: "i.h",
      }),
    );
    expect([badName.status, badName.type]).toEqual([400, "ValidationException"]);
    const badType = await send("POST", "/2015-03-31/functions/eco/invocations", "{}", {
      "x-amz-invocation-type": "Talvez",
    });
    expect([badType.status, badType.type]).toEqual([400, "ValidationException"]);
    const badPayload = await send("POST", "/2015-03-31/functions/eco/invocations", "[1,");
    expect([badPayload.status, badPayload.type]).toEqual([400, "InvalidRequestContentException"]);
    expect(JSON.parse(badPayload.text)).toMatchObject({ Type: "User" });
    expect(typeof JSON.parse(badPayload.text).message).toBe("string");
  });

  it("never answers random create/update bodies with a server error", async () => {
    const value = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.base64String(),
      fc.dictionary(fc.constantFrom("Variables", "ZipFile", "S3Bucket"), fc.jsonValue()),
    );
    const body = fc.dictionary(
      fc.constantFrom(
        "FunctionName",
        "Runtime",
        "Role",
        "Handler",
        "Timeout",
        "MemorySize",
        "Code",
        "Environment",
        "Publish",
        "ZipFile",
        "Architectures",
        "RevisionId",
      ),
      value,
    );
    const target = fc.constantFrom(
      ["POST", "/2015-03-31/functions"],
      ["PUT", "/2015-03-31/functions/eco/configuration"],
      ["PUT", "/2015-03-31/functions/eco/code"],
      ["POST", "/2015-03-31/functions/eco/versions"],
    );
    await fc.assert(
      fc.asyncProperty(target, body, async ([method, path], input) => {
        const res = await send(method, path, JSON.stringify(input));
        expect(res.status).toBeLessThan(500);
        if (res.status >= 400) expect(res.type).toBeTruthy();
      }),
      { numRuns: 150 },
    );
    const still = await lambda.send(new InvokeCommand({ FunctionName: "eco", Payload: "{}" }));
    expect(still.StatusCode).toBe(200);
  });
});

describe("SDK error cases", () => {
  const missing = "nao-existe";

  it("DeleteFunction, UpdateFunctionCode and UpdateFunctionConfiguration of a missing function raise ResourceNotFoundException", async () => {
    const code = Buffer.from(
      zipBase64({ "index.js": "exports.handler = async () => 1;" }),
      "base64",
    );
    for (const command of [
      new DeleteFunctionCommand({ FunctionName: missing }),
      new UpdateFunctionCodeCommand({ FunctionName: missing, ZipFile: code }),
      new UpdateFunctionConfigurationCommand({ FunctionName: missing, Timeout: 5 }),
    ]) {
      const err = await lambda.send(command as DeleteFunctionCommand).catch((e) => e);
      expect(err, command.constructor.name).toBeInstanceOf(ResourceNotFoundException);
      expect(err.name).toBe("ResourceNotFoundException");
      expect(err.$metadata.httpStatusCode).toBe(404);
      expect(err.message).toBe(
        `Function not found: arn:aws:lambda:us-east-1:000000000000:function:${missing}`,
      );
    }
  });

  it("ListFunctions refuses a bad Marker and a MaxItems out of range", async () => {
    const marker = await lambda
      .send(new ListFunctionsCommand({ Marker: "nao-e-um-marcador" }))
      .catch((e) => e);
    expect(marker).toBeInstanceOf(InvalidParameterValueException);
    expect(marker.$metadata.httpStatusCode).toBe(400);
    for (const MaxItems of [0, 10001]) {
      const err = await lambda.send(new ListFunctionsCommand({ MaxItems })).catch((e) => e);
      expect(err.name, String(MaxItems)).toBe("ValidationException");
      expect(err.$metadata.httpStatusCode).toBe(400);
    }
  });
});
