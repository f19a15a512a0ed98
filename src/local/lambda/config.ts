// Function configuration as Lambda returns it (GetFunctionConfiguration's shape), names and ARNs.
import { awsError } from "./fail.js";

export interface FunctionConfiguration {
  FunctionName: string;
  FunctionArn: string;
  Runtime: string;
  Role: string;
  Handler: string;
  CodeSize: number;
  Description: string;
  Timeout: number;
  MemorySize: number;
  LastModified: string;
  CodeSha256: string;
  Version: string;
  Environment?: { Variables: Record<string, string> };
  TracingConfig: { Mode: string };
  RevisionId: string;
  State: "Active";
  LastUpdateStatus: "Successful";
  PackageType: "Zip";
  Architectures: string[];
  EphemeralStorage: { Size: number };
  SnapStart: { ApplyOn: "None"; OptimizationStatus: "Off" };
  LoggingConfig: { LogFormat: "Text"; LogGroup: string };
}

/** The persisted state of one function: $LATEST, its published versions and tags. */
export interface StoredFunction {
  latest: FunctionConfiguration;
  versions: FunctionConfiguration[];
  nextVersion: number;
  tags: Record<string, string>;
}

/** Runtimes this engine runs (it runs Node.js code with its own Node.js). */
export const SUPPORTED_RUNTIMES = ["nodejs18.x", "nodejs20.x", "nodejs22.x", "nodejs24.x"];

/** Lambda's LastModified format: ISO-8601 with milliseconds and a "+0000" offset. */
export function lastModified(now = new Date()): string {
  return now.toISOString().replace("Z", "+0000");
}

export function functionArn(region: string, accountId: string, name: string, qualifier?: string) {
  const base = `arn:aws:lambda:${region}:${accountId}:function:${name}`;
  return qualifier ? `${base}:${qualifier}` : base;
}

const NAME = /^[a-zA-Z0-9_-]{1,64}$/;
// The FunctionName pattern of the Lambda API model: name, partial ARN or full ARN, optional qualifier.
const REFERENCE =
  /^(?:arn:(?:aws[a-zA-Z-]*)?:lambda:)?(?:([a-z]{2}(?:-gov)?-[a-z]+-\d{1}):)?(?:(\d{12}):)?(?:function:)?([a-zA-Z0-9_.-]+)(?::(\$LATEST|[a-zA-Z0-9_-]+))?$/;

export interface FunctionReference {
  name: string;
  qualifier?: string;
  region?: string;
}

function validationError(value: string, field: string, pattern: string): Error {
  return awsError(
    "ValidationException",
    `1 validation error detected: Value '${value}' at '${field}' failed to satisfy constraint: Member must satisfy regular expression pattern: ${pattern}`,
    400,
  );
}

/** Parses a FunctionName parameter (name, partial or full ARN, optional ":qualifier"). */
export function parseFunctionReference(ref: string, field = "functionName"): FunctionReference {
  const match = REFERENCE.exec(ref);
  if (!match || ref.length > 170) throw validationError(ref, field, REFERENCE.source);
  const [, region, , name, qualifier] = match;
  return { name, qualifier, region };
}

/** A name CreateFunction accepts (the reference may be an ARN, but the name part is checked). */
export function checkFunctionName(name: string): void {
  if (!NAME.test(name)) {
    throw validationError(
      name,
      "functionName",
      "(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?",
    );
  }
}

/** Environment variable names Lambda reserves (CreateFunction/UpdateFunctionConfiguration refuse them). */
export const RESERVED_ENV = new Set([
  "_HANDLER",
  "_X_AMZN_TRACE_ID",
  "AWS_DEFAULT_REGION",
  "AWS_REGION",
  "AWS_EXECUTION_ENV",
  "AWS_LAMBDA_FUNCTION_NAME",
  "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
  "AWS_LAMBDA_FUNCTION_VERSION",
  "AWS_LAMBDA_INITIALIZATION_TYPE",
  "AWS_LAMBDA_LOG_GROUP_NAME",
  "AWS_LAMBDA_LOG_STREAM_NAME",
  "AWS_ACCESS_KEY",
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "AWS_LAMBDA_RUNTIME_API",
  "LAMBDA_TASK_ROOT",
  "LAMBDA_RUNTIME_DIR",
]);
