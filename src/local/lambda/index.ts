// The local Lambda runtime, per engine data directory: function store, warm worker pools, logs,
// and the in-process invoke used by the Invoke API and by the Step Functions task runner.
import { type FunctionConfiguration, functionArn, parseFunctionReference } from "./config.js";
import { awsError, invalidParameter, notFound } from "./fail.js";
import {
  type InvokeResult,
  type LambdaHost,
  LambdaRuntime,
  type RuntimeOptions,
} from "./runtime.js";

export type { FunctionConfiguration, StoredFunction } from "./config.js";
export { LambdaApiError } from "./fail.js";
export type { InvokeResult, LambdaHost, RuntimeOptions } from "./runtime.js";
export { LambdaRuntime } from "./runtime.js";

const runtimes = new Map<string, LambdaRuntime>();

/** The runtime of an engine (one per data directory), created on first use. */
export function getLambdaRuntime(host: LambdaHost, options?: RuntimeOptions): LambdaRuntime {
  let runtime = runtimes.get(host.home);
  if (!runtime) {
    runtime = new LambdaRuntime(host, options);
    runtimes.set(host.home, runtime);
  }
  return runtime;
}

/** Stops every worker process of one engine (or of all engines in this process). */
export async function shutdownLambda(host?: { home: string }): Promise<void> {
  const selected = host
    ? [runtimes.get(host.home)].filter((r): r is LambdaRuntime => !!r)
    : [...runtimes.values()];
  for (const runtime of selected) runtimes.delete(runtime.host.home);
  await Promise.all(selected.map((runtime) => runtime.shutdown()));
}

/**
 * The configuration a FunctionName (+ Qualifier) designates: $LATEST or a published version.
 * Throws ResourceNotFoundException as Lambda does.
 */
export function resolveFunction(
  runtime: LambdaRuntime,
  reference: string,
  qualifier?: string,
  region?: string,
): FunctionConfiguration {
  const ref = parseFunctionReference(reference);
  if (ref.qualifier && qualifier && ref.qualifier !== qualifier) {
    throw invalidParameter(
      "The derived qualifier from the function name does not match the specified qualifier.",
    );
  }
  const wanted = qualifier ?? ref.qualifier;
  const fn = runtime.store.get(ref.name);
  const arnRegion = fn
    ? fn.latest.FunctionArn.split(":")[3]
    : (ref.region ?? region ?? runtime.host.defaultRegion);
  const missing = () => notFound(functionArn(arnRegion, runtime.host.accountId, ref.name, wanted));
  if (!fn) throw missing();
  if (!wanted || wanted === "$LATEST") return fn.latest;
  const version = fn.versions.find((v) => v.Version === wanted);
  if (!version) throw missing();
  return version;
}

export type InvocationType = "RequestResponse" | "Event" | "DryRun";

export interface InvokeInput {
  /** Name, ARN or partial ARN, optionally with ":qualifier". */
  functionName: string;
  payload?: Buffer | string;
  invocationType?: InvocationType;
  qualifier?: string;
  logType?: "None" | "Tail";
  clientContext?: string;
}

/** Checks that the payload is JSON (an empty payload is the event {}), as Invoke does. */
function eventOf(payload: Buffer | string | undefined): string {
  const text = payload === undefined ? "" : payload.toString();
  if (text.trim() === "") return "{}";
  try {
    JSON.parse(text);
  } catch (error) {
    throw awsError(
      "InvalidRequestContentException",
      `Could not parse request body into json: Could not parse payload into json: ${(error as Error).message}`,
      400,
    );
  }
  return text;
}

/**
 * Invokes a function in-process (no HTTP): the Invoke API's semantics and results.
 * RequestResponse waits for the result; Event returns 202 at once and runs in the background;
 * DryRun only checks the function exists (204).
 */
export async function invokeFunction(host: LambdaHost, input: InvokeInput): Promise<InvokeResult> {
  const runtime = getLambdaRuntime(host);
  const config = resolveFunction(runtime, input.functionName, input.qualifier);
  const type = input.invocationType ?? "RequestResponse";
  if (type === "DryRun") {
    return { statusCode: 204, payload: Buffer.alloc(0), executedVersion: config.Version };
  }
  const event = eventOf(input.payload);
  // Invocation payload quotas: https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html
  const limit = type === "Event" ? 1_048_576 : 6_291_456;
  if (Buffer.byteLength(event) > limit) {
    throw awsError(
      "RequestTooLargeException",
      `Request must be smaller than ${limit} bytes for the InvokeFunction operation`,
      413,
    );
  }
  if (type === "Event") {
    runtime.invokeAsync(config, event);
    return { statusCode: 202, payload: Buffer.alloc(0) };
  }
  if (type !== "RequestResponse") {
    throw invalidParameter(`Unsupported invocation type: ${String(type)}`);
  }
  return runtime.invoke(config, event, {
    logTail: input.logType === "Tail",
    clientContext: input.clientContext,
  });
}
