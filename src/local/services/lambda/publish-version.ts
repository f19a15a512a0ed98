// PublishVersion (POST /2015-03-31/functions/{FunctionName}/versions).
import type { FunctionConfiguration } from "../../lambda/config.js";
import { invalidParameter } from "../../lambda/fail.js";
import { checkRevision, type LambdaHost, publish, requireFunction, runtimeOf } from "./shared.js";

export interface PublishVersionInput {
  FunctionName?: string;
  CodeSha256?: string;
  Description?: string;
  RevisionId?: string;
}

export function publishVersion(
  ctx: LambdaHost,
  input: PublishVersionInput,
  region = ctx.defaultRegion,
): FunctionConfiguration {
  const { fn } = requireFunction(ctx, input.FunctionName, region);
  if (input.CodeSha256 !== undefined && input.CodeSha256 !== fn.latest.CodeSha256) {
    throw invalidParameter(
      `CodeSHA256 (${input.CodeSha256}) is different from current CodeSHA256 in $LATEST (${fn.latest.CodeSha256}). Please try again with the CodeSHA256 in $LATEST.`,
    );
  }
  checkRevision(fn.latest, input.RevisionId);
  const version = publish(fn, input.Description);
  runtimeOf(ctx).store.save(fn);
  return version;
}
