// GetFunctionConfiguration (GET /2015-03-31/functions/{FunctionName}/configuration).
import type { FunctionConfiguration } from "../../lambda/config.js";
import { type LambdaHost, requireFunction, selectVersion } from "./shared.js";

export interface GetFunctionConfigurationInput {
  FunctionName?: string;
  Qualifier?: string;
}

export function getFunctionConfiguration(
  ctx: LambdaHost,
  input: GetFunctionConfigurationInput,
  region = ctx.defaultRegion,
): FunctionConfiguration {
  const { fn, qualifier } = requireFunction(ctx, input.FunctionName, region);
  const arnRegion = fn.latest.FunctionArn.split(":")[3];
  return selectVersion(fn, input.Qualifier ?? qualifier, arnRegion, ctx.accountId);
}
