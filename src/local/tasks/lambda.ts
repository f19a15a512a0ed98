// Lambda tasks, in-process through the engine's Lambda runtime:
//  - arn:aws:states:::lambda:invoke → { ExecutedVersion, Payload, SdkHttpMetadata,
//    SdkResponseMetadata, StatusCode } (the Invoke response as Step Functions shapes it);
//  - a function ARN as the Resource → the payload itself.
// A function error becomes StatesError(errorType, payload JSON) — "Lambda.Unknown" without an
// errorType; an API error becomes Lambda.<Code>.
import { StatesError } from "../../asl/index.js";
import { AwsError, requestId } from "../errors.js";
import { invokeFunction } from "../lambda/index.js";
import type { EngineContext } from "../types.js";
import { optimizedCause } from "./naming.js";

interface InvokeArgs {
  FunctionName?: unknown;
  Payload?: unknown;
  Qualifier?: unknown;
  InvocationType?: unknown;
  ClientContext?: unknown;
  LogType?: unknown;
}

function payloadText(payload: unknown): string {
  if (payload === undefined) return "{}";
  return JSON.stringify(payload);
}

function parsePayload(buf: Buffer): unknown {
  const text = buf.toString("utf8");
  if (text === "") return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

async function invoke(
  ctx: EngineContext,
  functionName: string,
  args: InvokeArgs,
): Promise<{ payload: unknown; statusCode: number; executedVersion?: string; id: string }> {
  const id = requestId();
  let result: Awaited<ReturnType<typeof invokeFunction>>;
  try {
    result = await invokeFunction(ctx, {
      functionName,
      payload: payloadText(args.Payload),
      qualifier: typeof args.Qualifier === "string" ? args.Qualifier : undefined,
      invocationType:
        args.InvocationType === "Event" || args.InvocationType === "DryRun"
          ? args.InvocationType
          : "RequestResponse",
      clientContext: typeof args.ClientContext === "string" ? args.ClientContext : undefined,
    });
  } catch (err) {
    if (err instanceof AwsError) {
      throw new StatesError(
        `Lambda.${err.code}`,
        optimizedCause(err.message, "AWSLambda", err.status, err.code, id),
      );
    }
    throw new StatesError("Lambda.ServiceException", String((err as Error)?.message ?? err));
  }
  if (result.functionError) {
    const text = result.payload.toString("utf8");
    const body = parsePayload(result.payload) as { errorType?: unknown } | null;
    const errorType =
      body && typeof body === "object" && typeof body.errorType === "string"
        ? body.errorType
        : "Lambda.Unknown";
    throw new StatesError(errorType, text);
  }
  return {
    payload: parsePayload(result.payload),
    statusCode: result.statusCode,
    executedVersion: result.executedVersion,
    id,
  };
}

/** arn:aws:states:::lambda:invoke */
export async function lambdaInvoke(ctx: EngineContext, args: unknown): Promise<unknown> {
  const a = (args ?? {}) as InvokeArgs;
  if (typeof a.FunctionName !== "string" || a.FunctionName === "") {
    throw new StatesError(
      "States.Runtime",
      "The field 'FunctionName' is required for lambda:invoke",
    );
  }
  const r = await invoke(ctx, a.FunctionName, a);
  const date = new Date().toUTCString();
  const headers: Record<string, string> = {
    Connection: "keep-alive",
    "Content-Type": "application/json",
    Date: date,
    "X-Amz-Executed-Version": r.executedVersion ?? "$LATEST",
    "x-amzn-Remapped-Content-Length": "0",
    "x-amzn-RequestId": r.id,
  };
  return {
    ExecutedVersion: r.executedVersion ?? "$LATEST",
    Payload: r.payload,
    SdkHttpMetadata: {
      AllHttpHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
      HttpHeaders: headers,
      HttpStatusCode: r.statusCode,
    },
    SdkResponseMetadata: { RequestId: r.id },
    StatusCode: r.statusCode,
  };
}

/** A Lambda function ARN as the Resource: the result is the function's payload. */
export async function lambdaFunction(
  ctx: EngineContext,
  arn: string,
  args: unknown,
): Promise<unknown> {
  const r = await invoke(ctx, arn, { Payload: args });
  return r.payload;
}
