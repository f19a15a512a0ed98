// DeleteFunction (DELETE /2015-03-31/functions/{FunctionName}): the function, or one version.
import { functionArn } from "../../lambda/config.js";
import { invalidParameter, notFound } from "../../lambda/fail.js";
import { type LambdaHost, requireFunction, runtimeOf } from "./shared.js";

export interface DeleteFunctionInput {
  FunctionName?: string;
  Qualifier?: string;
}

export function deleteFunction(
  ctx: LambdaHost,
  input: DeleteFunctionInput,
  region = ctx.defaultRegion,
): void {
  const { fn, qualifier: derived } = requireFunction(ctx, input.FunctionName, region);
  const qualifier = input.Qualifier ?? derived;
  const runtime = runtimeOf(ctx);
  const name = fn.latest.FunctionName;
  if (qualifier === "$LATEST") {
    throw invalidParameter("$LATEST version cannot be deleted without deleting the function.");
  }
  if (qualifier) {
    const at = fn.versions.findIndex((v) => v.Version === qualifier);
    if (at < 0) {
      throw notFound(
        functionArn(fn.latest.FunctionArn.split(":")[3], ctx.accountId, name, qualifier),
      );
    }
    fn.versions.splice(at, 1);
    runtime.store.save(fn);
    runtime.retire(name, qualifier);
    return;
  }
  runtime.retire(name);
  runtime.store.delete(name);
}
