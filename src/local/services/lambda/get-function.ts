// GetFunction (GET /2015-03-31/functions/{FunctionName}): configuration, code location, tags.

import { codeDirName } from "../../lambda/code.js";
import type { FunctionConfiguration } from "../../lambda/config.js";
import { getFunctionConfiguration } from "./get-function-configuration.js";
import { type LambdaHost, requireFunction } from "./shared.js";

export interface GetFunctionInput {
  FunctionName?: string;
  Qualifier?: string;
}

export interface GetFunctionOutput {
  Configuration: FunctionConfiguration;
  Code: { RepositoryType: "S3"; Location: string };
  Tags?: Record<string, string>;
}

/** The path under which the engine serves a deployed package (Code.Location). */
export function codeLocationPath(name: string, sha256: string): string {
  return `/2015-03-31/functions/${encodeURIComponent(name)}/package/${codeDirName(sha256)}.zip`;
}

export function getFunction(
  ctx: LambdaHost & { endpoint?: string },
  input: GetFunctionInput,
  region = ctx.defaultRegion,
): GetFunctionOutput {
  const configuration = getFunctionConfiguration(ctx, input, region);
  const base = ctx.endpoint ?? "http://127.0.0.1";
  const output: GetFunctionOutput = {
    Configuration: configuration,
    Code: {
      RepositoryType: "S3",
      Location: `${base}${codeLocationPath(configuration.FunctionName, configuration.CodeSha256)}`,
    },
  };
  const { fn } = requireFunction(ctx, input.FunctionName, region);
  if (Object.keys(fn.tags).length > 0) output.Tags = { ...fn.tags };
  return output;
}
