// ListVersionsByFunction (GET /2015-03-31/functions/{FunctionName}/versions): $LATEST, then each
// published version.
import type { FunctionConfiguration } from "../../lambda/config.js";
import { type LambdaHost, requireFunction } from "./shared.js";

export interface ListVersionsByFunctionInput {
  FunctionName?: string;
}

export function listVersionsByFunction(
  ctx: LambdaHost,
  input: ListVersionsByFunctionInput,
  region = ctx.defaultRegion,
): { Versions: FunctionConfiguration[] } {
  const { fn } = requireFunction(ctx, input.FunctionName, region);
  return {
    Versions: [{ ...fn.latest, FunctionArn: `${fn.latest.FunctionArn}:$LATEST` }, ...fn.versions],
  };
}
