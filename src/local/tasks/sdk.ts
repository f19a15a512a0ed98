// arn:aws:states:::aws-sdk:<service>:<action> over the engine's own services, in-process.
// Arguments use the SDK's PascalCase names; the result is the SDK's output, PascalCase; errors
// are "<Service>.<Code>Exception" (see naming.ts). Each REST operation needs its mapping from
// parameters to method/path/headers and from the response back to the output shape: the ones
// the contabanco workflow and its tests use are listed here.
import { XMLParser } from "fast-xml-parser";
import { StatesError } from "../../asl/index.js";
import { AwsError, requestId } from "../errors.js";
import { glacierActions } from "../services/glacier/index.js";
import { s3Actions } from "../services/s3/index.js";
import type { EngineContext, LocalResponse } from "../types.js";
import { bodyText, callService, type InProcessRequest, requestIdOf } from "./call.js";
import { dynamodbCall } from "./dynamodb.js";
import { sdkCause, sdkServiceName, withExceptionSuffix } from "./naming.js";

type Args = Record<string, unknown>;

interface RestOperation {
  /** Engine services to try, in order (the first one present handles it). */
  services: string[];
  request(a: Args): InProcessRequest;
  result(res: LocalResponse): unknown;
}

const xml = new XMLParser({ ignoreAttributes: true, parseTagValue: false });

function str(a: Args, key: string): string {
  const v = a[key];
  if (typeof v !== "string" || v === "") {
    throw new StatesError("States.Runtime", `The field '${key}' is required`);
  }
  return v;
}

function jsonBody(res: LocalResponse): Record<string, unknown> {
  const text = bodyText(res);
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

const REST: Record<string, RestOperation> = {
  "s3:createSession": {
    services: ["s3express", "s3"],
    request: (a) => {
      const headers: Record<string, string> = {};
      if (typeof a.SessionMode === "string") headers["x-amz-create-session-mode"] = a.SessionMode;
      return { method: "GET", path: `/${str(a, "Bucket")}`, query: { session: "" }, headers };
    },
    result: (res) => {
      const doc = xml.parse(bodyText(res)) as {
        CreateSessionResult?: { Credentials?: Record<string, string> };
      };
      const c = doc.CreateSessionResult?.Credentials ?? {};
      const out: Args = {
        Credentials: {
          AccessKeyId: c.AccessKeyId,
          Expiration: c.Expiration,
          SecretAccessKey: c.SecretAccessKey,
          SessionToken: c.SessionToken,
        },
      };
      const sse = res.headers?.["x-amz-server-side-encryption"];
      if (sse) out.ServerSideEncryption = sse;
      return out;
    },
  },
  "s3:headBucket": {
    services: ["s3"],
    request: (a) => ({ method: "HEAD", path: `/${str(a, "Bucket")}` }),
    result: () => ({}),
  },
  "glacier:getVaultAccessPolicy": {
    services: ["glacier"],
    request: (a) => ({
      method: "GET",
      path: `/${str(a, "AccountId")}/vaults/${str(a, "VaultName")}/access-policy`,
    }),
    // The body is the VaultAccessPolicy ({"Policy": "<json>"}), the SDK's `policy` member.
    result: (res) => ({ Policy: jsonBody(res) }),
  },
  "glacier:describeVault": {
    services: ["glacier"],
    request: (a) => ({
      method: "GET",
      path: `/${str(a, "AccountId")}/vaults/${str(a, "VaultName")}`,
    }),
    result: (res) => jsonBody(res),
  },
};

/**
 * Operations called straight through the service's in-process action (no request/response
 * encoding at all); their AwsError is named like the wire error would be.
 */
const IN_PROCESS: Record<string, (ctx: EngineContext, a: Args) => Promise<unknown>> = {
  // AWS answers NoSuchBucket for a bucket that does not exist.
  "s3:createSession": async (ctx, a) => {
    const input: Parameters<typeof s3Actions.createSession>[1] = {
      bucket: str(a, "Bucket"),
      requireBucket: true,
    };
    if (typeof a.SessionMode === "string") input.sessionMode = a.SessionMode;
    return s3Actions.createSession(ctx, input);
  },
  "glacier:getVaultAccessPolicy": async (ctx, a) => {
    const out = await glacierActions.getVaultAccessPolicy(ctx, {
      accountId: str(a, "AccountId"),
      vaultName: str(a, "VaultName"),
    });
    return { Policy: out.policy };
  },
};

/** The error code and message of a REST error response (XML for S3, JSON otherwise). */
function restError(res: LocalResponse): { code: string; message: string } {
  const text = bodyText(res);
  const header = Object.entries(res.headers ?? {}).find(
    ([k]) => k.toLowerCase() === "x-amzn-errortype",
  )?.[1];
  if (text.trimStart().startsWith("<")) {
    const doc = xml.parse(text) as { Error?: { Code?: string; Message?: string } };
    return { code: doc.Error?.Code ?? "UnknownError", message: doc.Error?.Message ?? "" };
  }
  try {
    const b = JSON.parse(text) as Record<string, unknown>;
    const code = String(b.code ?? b.__type ?? header ?? "UnknownError");
    return {
      code: code.slice(code.lastIndexOf("#") + 1).split(":")[0],
      message: String(b.message ?? b.Message ?? ""),
    };
  } catch {
    const code = header?.split(":")[0] ?? (res.status === 404 ? "NotFound" : "UnknownError");
    return { code, message: text };
  }
}

export async function sdkCall(
  ctx: EngineContext,
  service: string,
  action: string,
  args: unknown,
): Promise<unknown> {
  const a = (args ?? {}) as Args;
  if (service === "dynamodb") return dynamodbCall(ctx, action, a, "sdk");
  const direct = IN_PROCESS[`${service}:${action}`];
  if (direct && Object.hasOwn(ctx.services, service)) {
    try {
      return await direct(ctx, a);
    } catch (err) {
      if (!(err instanceof AwsError)) throw err;
      const name = sdkServiceName(service);
      throw new StatesError(
        `${name}.${withExceptionSuffix(err.code)}`,
        sdkCause(err.message, name, err.status, requestId()),
      );
    }
  }
  const op = REST[`${service}:${action}`];
  if (!op) {
    throw new StatesError(
      "States.Runtime",
      `A integração aws-sdk:${service}:${action} não é suportada pelo motor local.`,
    );
  }
  const target = op.services.find((s) => Object.hasOwn(ctx.services, s)) ?? op.services[0];
  const res = await callService(ctx, target, op.request(a));
  if (res.status < 300) return op.result(res);
  const { code, message } = restError(res);
  const name = sdkServiceName(service);
  throw new StatesError(
    `${name}.${withExceptionSuffix(code)}`,
    sdkCause(message, name, res.status, requestIdOf(res)),
  );
}
