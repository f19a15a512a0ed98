// What several Lambda actions share: the function a request names, parameter checks with
// Lambda's error codes and messages, deployment package intake and version publishing.
import { randomUUID } from "node:crypto";
import { codeSha256, readZip } from "../../lambda/code.js";
import {
  type FunctionConfiguration,
  functionArn,
  parseFunctionReference,
  RESERVED_ENV,
  type StoredFunction,
  SUPPORTED_RUNTIMES,
} from "../../lambda/config.js";
import { awsError, invalidParameter, notFound } from "../../lambda/fail.js";
import { getLambdaRuntime, type LambdaHost, type LambdaRuntime } from "../../lambda/index.js";

export type { LambdaHost } from "../../lambda/index.js";

export function runtimeOf(ctx: LambdaHost): LambdaRuntime {
  return getLambdaRuntime(ctx);
}

function validation(message: string): Error {
  return awsError("ValidationException", `1 validation error detected: ${message}`, 400);
}

export function required<T>(value: T | undefined | null, field: string): T {
  if (value === undefined || value === null) {
    throw validation(
      `Value null at '${field}' failed to satisfy constraint: Member must not be null`,
    );
  }
  return value;
}

/** The function a FunctionName parameter names ($LATEST), or ResourceNotFoundException. */
export function requireFunction(
  ctx: LambdaHost,
  reference: string | undefined,
  region?: string,
): { fn: StoredFunction; qualifier?: string } {
  const ref = parseFunctionReference(required(reference, "functionName"));
  const fn = runtimeOf(ctx).store.get(ref.name);
  if (!fn) {
    const r = ref.region ?? region ?? ctx.defaultRegion;
    throw notFound(functionArn(r, ctx.accountId, ref.name, ref.qualifier));
  }
  return { fn, qualifier: ref.qualifier };
}

export function newRevisionId(): string {
  return randomUUID();
}

export interface Package {
  zip: Buffer;
  sha256: string;
  size: number;
}

/** Decodes and checks a ZipFile parameter (base64 in the JSON body). */
export function intakeZip(zipFile: unknown): Package {
  if (typeof zipFile !== "string" || zipFile.length === 0) {
    throw invalidParameter("Please provide a source for function code.");
  }
  const zip = Buffer.from(zipFile, "base64");
  if (zip.length === 0 || !readZip(zip)) {
    throw invalidParameter(
      "Could not unzip uploaded file. Please check your file, then try to upload again.",
    );
  }
  return { zip, sha256: codeSha256(zip), size: zip.length };
}

const ROLE = /^arn:(aws[a-zA-Z-]*)?:iam::\d{12}:role\/?[a-zA-Z_0-9+=,.@\-_/]+$/;

/** The configuration parameters CreateFunction and UpdateFunctionConfiguration share. */
export interface ConfigInput {
  Role?: string;
  Runtime?: string;
  Handler?: string;
  Description?: string;
  Timeout?: number;
  MemorySize?: number;
  Environment?: { Variables?: Record<string, string> };
}

export function checkConfig(input: ConfigInput): void {
  if (input.Role !== undefined && !ROLE.test(String(input.Role))) {
    throw validation(
      `Value '${input.Role}' at 'role' failed to satisfy constraint: Member must satisfy regular expression pattern: ${ROLE.source.slice(1, -1)}`,
    );
  }
  if (input.Runtime !== undefined && !SUPPORTED_RUNTIMES.includes(input.Runtime)) {
    if (/^nodejs(\d+)\./.test(input.Runtime) || input.Runtime === "nodejs") {
      throw invalidParameter(
        `The runtime parameter of ${input.Runtime} is no longer supported for creating or updating AWS Lambda functions. We recommend you use a supported runtime while creating or upgrading functions.`,
      );
    }
    // A runtime AWS has but this engine cannot run: the engine's own (pt-BR) message.
    throw invalidParameter(
      `O motor local executa apenas funções Node.js (${SUPPORTED_RUNTIMES.join(", ")}); runtime recebido: ${input.Runtime}.`,
    );
  }
  if (
    input.Handler !== undefined &&
    (typeof input.Handler !== "string" || input.Handler.length > 128)
  ) {
    throw validation(
      `Value '${input.Handler}' at 'handler' failed to satisfy constraint: Member must have length less than or equal to 128`,
    );
  }
  checkRange(input.Timeout, "timeout", 1, 900);
  checkRange(input.MemorySize, "memorySize", 128, 10240);
  const vars = input.Environment?.Variables;
  if (vars !== undefined) {
    if (typeof vars !== "object" || vars === null || Array.isArray(vars)) {
      throw invalidParameter("Environment variables must be a map of strings.");
    }
    const reserved = Object.keys(vars).filter((k) => RESERVED_ENV.has(k));
    if (reserved.length > 0) {
      throw invalidParameter(
        `Lambda was unable to configure your environment variables because the environment variables you have provided contains reserved keys that are currently not supported for modification. Reserved keys used in this request: ${reserved.join(", ")}`,
      );
    }
    for (const [key, value] of Object.entries(vars)) {
      if (!/^[a-zA-Z]([a-zA-Z0-9_])*$/.test(key) || typeof value !== "string") {
        throw validation(
          `Value at 'environment.variables' failed to satisfy constraint: Map keys must satisfy constraint: [Member must satisfy regular expression pattern: [a-zA-Z]([a-zA-Z0-9_])+]`,
        );
      }
    }
  }
}

function checkRange(value: unknown, field: string, min: number, max: number): void {
  if (value === undefined) return;
  if (typeof value !== "number" || !Number.isInteger(value)) {
    throw awsError("SerializationException", `Cannot deserialize value for '${field}'`, 400);
  }
  if (value < min) {
    throw validation(
      `Value '${value}' at '${field}' failed to satisfy constraint: Member must have value greater than or equal to ${min}`,
    );
  }
  if (value > max) {
    throw validation(
      `Value '${value}' at '${field}' failed to satisfy constraint: Member must have value less than or equal to ${max}`,
    );
  }
}

/** The fields that make two versions "the same" for PublishVersion. */
function fingerprint(c: FunctionConfiguration): string {
  return JSON.stringify([
    c.CodeSha256,
    c.Runtime,
    c.Role,
    c.Handler,
    c.Timeout,
    c.MemorySize,
    c.Environment ?? null,
  ]);
}

/**
 * Publishes $LATEST as a new version, unless the last version already has the same code and
 * configuration (Lambda then returns that version). Mutates `fn`; the caller saves it.
 */
export function publish(fn: StoredFunction, description?: string): FunctionConfiguration {
  const last = fn.versions[fn.versions.length - 1];
  if (last && fingerprint(last) === fingerprint(fn.latest)) return last;
  const version = String(fn.nextVersion);
  const config: FunctionConfiguration = {
    ...structuredClone(fn.latest),
    FunctionArn: `${fn.latest.FunctionArn}:${version}`,
    Version: version,
    Description: description ?? fn.latest.Description,
    RevisionId: newRevisionId(),
  };
  fn.versions.push(config);
  fn.nextVersion += 1;
  return config;
}

/** The configuration a qualifier selects for read operations ($LATEST, a version). */
export function selectVersion(
  fn: StoredFunction,
  qualifier: string | undefined,
  region: string,
  accountId: string,
): FunctionConfiguration {
  if (!qualifier) return fn.latest;
  if (qualifier === "$LATEST") {
    return { ...fn.latest, FunctionArn: `${fn.latest.FunctionArn}:$LATEST` };
  }
  const version = fn.versions.find((v) => v.Version === qualifier);
  if (!version) throw notFound(functionArn(region, accountId, fn.latest.FunctionName, qualifier));
  return version;
}

/** The optimistic lock of updates: RevisionId must match the current one when given. */
export function checkRevision(latest: FunctionConfiguration, revisionId: string | undefined): void {
  if (revisionId !== undefined && revisionId !== latest.RevisionId) {
    throw awsError(
      "PreconditionFailedException",
      "The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id",
      412,
    );
  }
}
