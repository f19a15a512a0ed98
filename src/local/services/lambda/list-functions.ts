// ListFunctions (GET /2015-03-31/functions/): $LATEST of every function (FunctionVersion=ALL
// adds the published versions), paginated with Marker/MaxItems.
import type { FunctionConfiguration } from "../../lambda/config.js";
import { awsError, invalidParameter } from "../../lambda/fail.js";
import { type LambdaHost, runtimeOf } from "./shared.js";

export interface ListFunctionsInput {
  FunctionVersion?: string;
  Marker?: string;
  MaxItems?: number;
}

export interface ListFunctionsOutput {
  Functions: FunctionConfiguration[];
  NextMarker?: string;
}

export function listFunctions(
  ctx: LambdaHost,
  input: ListFunctionsInput = {},
): ListFunctionsOutput {
  if (input.FunctionVersion !== undefined && input.FunctionVersion !== "ALL") {
    throw awsError(
      "ValidationException",
      `1 validation error detected: Value '${input.FunctionVersion}' at 'functionVersion' failed to satisfy constraint: Member must satisfy enum value set: [ALL]`,
      400,
    );
  }
  const max = input.MaxItems ?? 50;
  if (!Number.isInteger(max) || max < 1 || max > 10000) {
    throw awsError(
      "ValidationException",
      `1 validation error detected: Value '${input.MaxItems}' at 'maxItems' failed to satisfy constraint: Member must have value ${max < 1 ? "greater than or equal to 1" : "less than or equal to 10000"}`,
      400,
    );
  }
  const all = runtimeOf(ctx)
    .store.list()
    .flatMap((fn) => (input.FunctionVersion === "ALL" ? [fn.latest, ...fn.versions] : [fn.latest]));
  let start = 0;
  if (input.Marker) {
    start = Number.parseInt(Buffer.from(input.Marker, "base64url").toString("utf8"), 10);
    if (!Number.isInteger(start) || start < 0) throw invalidParameter("Invalid marker");
  }
  const page = all.slice(start, start + max);
  const output: ListFunctionsOutput = { Functions: page };
  if (start + max < all.length) {
    output.NextMarker = Buffer.from(String(start + max), "utf8").toString("base64url");
  }
  return output;
}
