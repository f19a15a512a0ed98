// awsJson1_0 / awsJson1_1: POST / with X-Amz-Target "Prefix.Operation" and a JSON body.
// Errors: {"__type": code, "message": ...} plus the x-amzn-ErrorType header.
import { AwsError, requestId, toAwsError } from "../errors.js";
import type { EngineContext, LocalRequest, LocalResponse, Service } from "../types.js";

export const AMZ_JSON_1_0 = "application/x-amz-json-1.0";
export const AMZ_JSON_1_1 = "application/x-amz-json-1.1";

/** The JSON body of a request; an empty body is `{}`. Not an object → SerializationException. */
export function parseJsonBody(req: LocalRequest): Record<string, unknown> {
  if (req.body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(req.body.toString("utf8"));
  } catch {
    throw new AwsError(
      "SerializationException",
      "Start of structure or map found where not expected.",
    );
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new AwsError(
      "SerializationException",
      "Start of structure or map found where not expected.",
    );
  }
  return parsed as Record<string, unknown>;
}

export function jsonResponse(
  data: unknown,
  contentType = AMZ_JSON_1_0,
  status = 200,
): LocalResponse {
  return {
    status,
    headers: { "content-type": contentType, "x-amzn-requestid": requestId() },
    body: JSON.stringify(data ?? {}),
  };
}

/** An AWS error as the JSON protocols send it: the code in x-amzn-ErrorType, `body` as JSON. */
export function jsonErrorWithBody(
  e: AwsError,
  body: Record<string, unknown>,
  contentType: string,
): LocalResponse {
  return {
    status: e.status,
    headers: {
      "content-type": contentType,
      "x-amzn-requestid": requestId(),
      "x-amzn-errortype": e.code,
    },
    body: JSON.stringify(body),
  };
}

export function jsonErrorResponse(err: unknown, contentType = AMZ_JSON_1_0): LocalResponse {
  const e = toAwsError(err);
  return jsonErrorWithBody(e, { __type: e.code, message: e.message, ...e.extra }, contentType);
}

/** An action of a JSON-protocol service: typed input in, plain output object out. */
export type JsonAction = (
  ctx: EngineContext,
  input: Record<string, unknown>,
  req: LocalRequest,
) => Promise<unknown>;

export interface JsonServiceOptions {
  name: string;
  /** Accepted X-Amz-Target prefixes, e.g. ["AWSStepFunctions"]. */
  targetPrefixes: string[];
  contentType?: string;
  actions: Record<string, JsonAction>;
  start?(ctx: EngineContext): Promise<void>;
  stop?(): Promise<void>;
}

/** The operation an X-Amz-Target names, when its prefix is one of `prefixes`. */
export function operationOf(target: string | undefined, prefixes: string[]): string | undefined {
  if (!target) return undefined;
  const dot = target.lastIndexOf(".");
  if (dot < 0) return undefined;
  return prefixes.includes(target.slice(0, dot)) ? target.slice(dot + 1) : undefined;
}

/** A Service speaking awsJson over an action map; every failure becomes an AWS-shaped error. */
export function jsonService(opts: JsonServiceOptions): Service {
  const contentType = opts.contentType ?? AMZ_JSON_1_0;
  return {
    name: opts.name,
    start: opts.start,
    stop: opts.stop,
    async handle(req, ctx) {
      try {
        if (req.method !== "POST") {
          throw new AwsError("UnknownOperationException", "", 404);
        }
        const op = operationOf(req.target, opts.targetPrefixes);
        const action = op && Object.hasOwn(opts.actions, op) ? opts.actions[op] : undefined;
        if (!action) throw new AwsError("UnknownOperationException", "", 400);
        const input = parseJsonBody(req);
        return jsonResponse(await action(ctx, input, req), contentType);
      } catch (err) {
        return jsonErrorResponse(err, contentType);
      }
    },
  };
}
