// UpdateFunctionConfiguration (PUT /2015-03-31/functions/{FunctionName}/configuration).
import { type FunctionConfiguration, lastModified } from "../../lambda/config.js";
import { invalidParameter } from "../../lambda/fail.js";
import {
  type ConfigInput,
  checkConfig,
  checkRevision,
  type LambdaHost,
  newRevisionId,
  requireFunction,
  runtimeOf,
} from "./shared.js";

export interface UpdateFunctionConfigurationInput extends ConfigInput {
  FunctionName?: string;
  RevisionId?: string;
}

export function updateFunctionConfiguration(
  ctx: LambdaHost,
  input: UpdateFunctionConfigurationInput,
  region = ctx.defaultRegion,
): FunctionConfiguration {
  const { fn, qualifier } = requireFunction(ctx, input.FunctionName, region);
  if (qualifier) {
    throw invalidParameter(
      "Unsupported qualifier: the configuration of a published version cannot change.",
    );
  }
  checkConfig(input);
  checkRevision(fn.latest, input.RevisionId);
  const updated: FunctionConfiguration = {
    ...fn.latest,
    ...(input.Role !== undefined ? { Role: input.Role } : {}),
    ...(input.Runtime !== undefined ? { Runtime: input.Runtime } : {}),
    ...(input.Handler !== undefined ? { Handler: input.Handler } : {}),
    ...(input.Description !== undefined ? { Description: input.Description } : {}),
    ...(input.Timeout !== undefined ? { Timeout: input.Timeout } : {}),
    ...(input.MemorySize !== undefined ? { MemorySize: input.MemorySize } : {}),
    LastModified: lastModified(),
    RevisionId: newRevisionId(),
  };
  if (input.Environment !== undefined) {
    // Environment replaces the whole variable map; an empty map removes it.
    const vars = input.Environment.Variables ?? {};
    if (Object.keys(vars).length > 0) updated.Environment = { Variables: { ...vars } };
    else delete updated.Environment;
  }
  const runtime = runtimeOf(ctx);
  fn.latest = updated;
  runtime.store.save(fn);
  runtime.retire(updated.FunctionName, "$LATEST");
  return updated;
}
