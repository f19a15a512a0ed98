// CreateFunction (POST /2015-03-31/functions): a Node.js function from a zip (Code.ZipFile).
import {
  checkFunctionName,
  type FunctionConfiguration,
  functionArn,
  lastModified,
  parseFunctionReference,
  type StoredFunction,
} from "../../lambda/config.js";
import { awsError, invalidParameter } from "../../lambda/fail.js";
import {
  type ConfigInput,
  checkConfig,
  intakeZip,
  type LambdaHost,
  newRevisionId,
  publish,
  required,
  runtimeOf,
} from "./shared.js";

export interface CreateFunctionInput extends ConfigInput {
  FunctionName?: string;
  Code?: { ZipFile?: string; S3Bucket?: string; S3Key?: string; ImageUri?: string };
  Publish?: boolean;
  PackageType?: string;
  Architectures?: string[];
  Tags?: Record<string, string>;
}

export function createFunction(
  ctx: LambdaHost,
  input: CreateFunctionInput,
  region = ctx.defaultRegion,
): FunctionConfiguration {
  const ref = parseFunctionReference(required(input.FunctionName, "functionName"));
  checkFunctionName(ref.name);
  const role = required(input.Role, "role");
  checkConfig(input);
  if (input.PackageType !== undefined && input.PackageType !== "Zip") {
    throw invalidParameter("O motor local aceita apenas pacotes .zip (PackageType Zip).");
  }
  if (!input.Runtime || !input.Handler) {
    throw invalidParameter(
      "Runtime and Handler are mandatory parameters for functions created with deployment packages.",
    );
  }
  const code = required(input.Code, "code");
  if (code.ZipFile === undefined && (code.S3Bucket || code.ImageUri)) {
    throw invalidParameter(
      "O motor local aceita o código apenas em Code.ZipFile (base64 do .zip).",
    );
  }
  const pkg = intakeZip(code.ZipFile);
  const architectures = input.Architectures ?? ["x86_64"];
  if (architectures.length !== 1 || !["x86_64", "arm64"].includes(architectures[0])) {
    throw awsError(
      "ValidationException",
      `1 validation error detected: Value '[${architectures.join(", ")}]' at 'architectures' failed to satisfy constraint: Member must have length less than or equal to 1`,
      400,
    );
  }
  const runtime = runtimeOf(ctx);
  if (runtime.store.get(ref.name)) {
    throw awsError("ResourceConflictException", `Function already exist: ${ref.name}`, 409);
  }
  const latest: FunctionConfiguration = {
    FunctionName: ref.name,
    FunctionArn: functionArn(region, ctx.accountId, ref.name),
    Runtime: input.Runtime,
    Role: role,
    Handler: input.Handler,
    CodeSize: pkg.size,
    Description: input.Description ?? "",
    Timeout: input.Timeout ?? 3,
    MemorySize: input.MemorySize ?? 128,
    LastModified: lastModified(),
    CodeSha256: pkg.sha256,
    Version: "$LATEST",
    ...(input.Environment?.Variables
      ? { Environment: { Variables: { ...input.Environment.Variables } } }
      : {}),
    TracingConfig: { Mode: "PassThrough" },
    RevisionId: newRevisionId(),
    State: "Active",
    LastUpdateStatus: "Successful",
    PackageType: "Zip",
    Architectures: architectures,
    EphemeralStorage: { Size: 512 },
    SnapStart: { ApplyOn: "None", OptimizationStatus: "Off" },
    LoggingConfig: { LogFormat: "Text", LogGroup: `/aws/lambda/${ref.name}` },
  };
  const fn: StoredFunction = { latest, versions: [], nextVersion: 1, tags: { ...input.Tags } };
  runtime.store.saveZip(ref.name, pkg.sha256, pkg.zip);
  const result = input.Publish ? publish(fn) : latest;
  runtime.store.save(fn);
  return result;
}
