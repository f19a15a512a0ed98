// The deployed package behind GetFunction's Code.Location (on AWS a presigned S3 URL; here a
// path of this engine): GET /2015-03-31/functions/{FunctionName}/package/{sha256 hex}.zip.
import { existsSync, readFileSync } from "node:fs";
import { functionArn } from "../../lambda/config.js";
import { notFound } from "../../lambda/fail.js";
import type { LocalResponse } from "../../types.js";
import { type LambdaHost, runtimeOf } from "./shared.js";

export function getCodePackage(ctx: LambdaHost, name: string, file: string): LocalResponse {
  const runtime = runtimeOf(ctx);
  const fn = runtime.store.get(name);
  const missing = () => notFound(functionArn(ctx.defaultRegion, ctx.accountId, name));
  if (!fn || !/^[0-9a-f]{64}\.zip$/.test(file)) throw missing();
  const path = `${runtime.store.root}/${name}/${file}`;
  if (!existsSync(path)) throw missing();
  const body = readFileSync(path);
  return {
    status: 200,
    headers: { "content-type": "application/zip", "content-length": String(body.length) },
    body,
  };
}
