// Invoke (POST /2015-03-31/functions/{FunctionName}/invocations): the raw payload in and out,
// X-Amz-Invocation-Type / X-Amz-Log-Type / X-Amz-Client-Context request headers and
// X-Amz-Function-Error / X-Amz-Executed-Version / X-Amz-Log-Result response headers.
import { requestId } from "../../errors.js";
import { awsError } from "../../lambda/fail.js";
import { type InvocationType, invokeFunction } from "../../lambda/index.js";
import type { LocalResponse } from "../../types.js";
import type { LambdaHost } from "./shared.js";

export interface InvokeHttpInput {
  FunctionName: string;
  Qualifier?: string;
  InvocationType?: string;
  LogType?: string;
  ClientContext?: string;
  Payload: Buffer;
}

const TYPES = ["Event", "RequestResponse", "DryRun"];

function enumError(value: string, field: string, allowed: string[]): Error {
  return awsError(
    "ValidationException",
    `1 validation error detected: Value '${value}' at '${field}' failed to satisfy constraint: Member must satisfy enum value set: [${allowed.join(", ")}]`,
    400,
  );
}

/** The Client-Context header: base64 of a JSON object, handed to the handler decoded. */
function clientContextOf(header: string | undefined): string | undefined {
  if (!header) return undefined;
  try {
    const text = Buffer.from(header, "base64").toString("utf8");
    JSON.parse(text);
    return text;
  } catch {
    throw awsError(
      "InvalidRequestContentException",
      "Client context must be a valid Base64-encoded JSON object.",
      400,
    );
  }
}

export async function invoke(ctx: LambdaHost, input: InvokeHttpInput): Promise<LocalResponse> {
  const type = input.InvocationType ?? "RequestResponse";
  if (!TYPES.includes(type)) throw enumError(type, "invocationType", TYPES);
  const logType = input.LogType ?? "None";
  if (logType !== "None" && logType !== "Tail")
    throw enumError(logType, "logType", ["None", "Tail"]);
  const result = await invokeFunction(ctx, {
    functionName: input.FunctionName,
    qualifier: input.Qualifier,
    payload: input.Payload,
    invocationType: type as InvocationType,
    logType,
    clientContext: clientContextOf(input.ClientContext),
  });
  const headers: Record<string, string> = {
    "x-amzn-requestid": requestId(),
    "content-type": "application/json",
    "content-length": String(result.payload.length),
  };
  if (result.executedVersion && type === "RequestResponse") {
    headers["X-Amz-Executed-Version"] = result.executedVersion;
  }
  if (result.functionError) headers["X-Amz-Function-Error"] = result.functionError;
  if (result.logResult !== undefined) headers["X-Amz-Log-Result"] = result.logResult;
  return { status: result.statusCode, headers, body: result.payload };
}
