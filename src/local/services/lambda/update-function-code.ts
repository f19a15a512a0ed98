// UpdateFunctionCode (PUT /2015-03-31/functions/{FunctionName}/code): a new zip for $LATEST.
import { type FunctionConfiguration, lastModified } from "../../lambda/config.js";
import { awsError, invalidParameter } from "../../lambda/fail.js";
import {
  checkRevision,
  intakeZip,
  type LambdaHost,
  newRevisionId,
  publish,
  requireFunction,
  runtimeOf,
} from "./shared.js";

export interface UpdateFunctionCodeInput {
  FunctionName?: string;
  ZipFile?: string;
  S3Bucket?: string;
  ImageUri?: string;
  Publish?: boolean;
  DryRun?: boolean;
  RevisionId?: string;
  Architectures?: string[];
}

export function updateFunctionCode(
  ctx: LambdaHost,
  input: UpdateFunctionCodeInput,
  region = ctx.defaultRegion,
): FunctionConfiguration {
  const { fn, qualifier } = requireFunction(ctx, input.FunctionName, region);
  if (qualifier) {
    throw invalidParameter(
      "Unsupported qualifier: code can only be updated on the unqualified function ($LATEST).",
    );
  }
  if (input.ZipFile === undefined && (input.S3Bucket || input.ImageUri)) {
    throw invalidParameter("O motor local aceita o código apenas em ZipFile (base64 do .zip).");
  }
  const pkg = intakeZip(input.ZipFile);
  checkRevision(fn.latest, input.RevisionId);
  const architectures = input.Architectures ?? fn.latest.Architectures;
  if (architectures.length !== 1 || !["x86_64", "arm64"].includes(architectures[0])) {
    throw awsError(
      "ValidationException",
      "1 validation error detected: Value at 'architectures' failed to satisfy constraint",
      400,
    );
  }
  const updated: FunctionConfiguration = {
    ...fn.latest,
    CodeSize: pkg.size,
    CodeSha256: pkg.sha256,
    Architectures: architectures,
    LastModified: lastModified(),
    RevisionId: newRevisionId(),
  };
  if (input.DryRun) return updated;
  const runtime = runtimeOf(ctx);
  runtime.store.saveZip(updated.FunctionName, pkg.sha256, pkg.zip);
  fn.latest = updated;
  const result = input.Publish ? publish(fn) : updated;
  runtime.store.save(fn);
  runtime.retire(updated.FunctionName, "$LATEST");
  return result;
}
