// The Lambda service of the local engine (restJson1, paths under /2015-03-31/functions): the
// route table, request decoding into each action's input, and the in-process action map.
import { shutdownLambda } from "../../lambda/index.js";
import { parseRestJsonBody, restJsonResponse, restJsonService } from "../../protocols/rest-json.js";
import type { EngineContext, LocalRequest, Service } from "../../types.js";
import { createFunction } from "./create-function.js";
import { deleteFunction } from "./delete-function.js";
import { getFunction } from "./get-function.js";
import { getFunctionConfiguration } from "./get-function-configuration.js";
import { invoke } from "./invoke.js";
import { listFunctions } from "./list-functions.js";
import { listVersionsByFunction } from "./list-versions-by-function.js";
import { getCodePackage } from "./package.js";
import { publishVersion } from "./publish-version.js";
import { runtimeOf } from "./shared.js";
import { updateFunctionCode } from "./update-function-code.js";
import { updateFunctionConfiguration } from "./update-function-configuration.js";
import { typedBody } from "./wire.js";

/** Actions callable in-process (no HTTP), e.g. by the Step Functions task runner. */
export const lambdaActions = {
  createFunction,
  getFunction,
  getFunctionConfiguration,
  deleteFunction,
  listFunctions,
  listVersionsByFunction,
  updateFunctionCode,
  updateFunctionConfiguration,
  publishVersion,
};
export { invokeFunction } from "../../lambda/index.js";

const F = "/2015-03-31/functions";

function name(params: Record<string, string>): string {
  return params.FunctionName;
}

function qualifier(req: LocalRequest): string | undefined {
  return req.query.get("Qualifier") ?? undefined;
}

/**
 * A Lambda service for one engine (picked up by the services registry). Its worker processes
 * are stopped with the engine.
 */
export function createService(): Service {
  let engine: EngineContext | undefined;
  return restJsonService({
    name: "lambda",
    routes: [
      { method: "POST", path: F, operation: "CreateFunction" },
      { method: "GET", path: F, operation: "ListFunctions" },
      { method: "GET", path: `${F}/{FunctionName}`, operation: "GetFunction" },
      { method: "DELETE", path: `${F}/{FunctionName}`, operation: "DeleteFunction" },
      {
        method: "GET",
        path: `${F}/{FunctionName}/configuration`,
        operation: "GetFunctionConfiguration",
      },
      {
        method: "PUT",
        path: `${F}/{FunctionName}/configuration`,
        operation: "UpdateFunctionConfiguration",
      },
      { method: "PUT", path: `${F}/{FunctionName}/code`, operation: "UpdateFunctionCode" },
      { method: "POST", path: `${F}/{FunctionName}/versions`, operation: "PublishVersion" },
      { method: "GET", path: `${F}/{FunctionName}/versions`, operation: "ListVersionsByFunction" },
      { method: "POST", path: `${F}/{FunctionName}/invocations`, operation: "Invoke" },
      { method: "GET", path: `${F}/{FunctionName}/package/{File}`, operation: "GetCodePackage" },
    ],
    handlers: {
      async CreateFunction(ctx, _params, req) {
        const body = typedBody(parseRestJsonBody(req), "CreateFunction");
        return restJsonResponse(201, createFunction(ctx, body, req.region));
      },
      async ListFunctions(ctx, _params, req) {
        const max = req.query.get("MaxItems");
        const output = listFunctions(ctx, {
          FunctionVersion: req.query.get("FunctionVersion") ?? undefined,
          Marker: req.query.get("Marker") ?? undefined,
          MaxItems: max === null ? undefined : Number(max),
        });
        return restJsonResponse(200, output);
      },
      async GetFunction(ctx, params, req) {
        const input = { FunctionName: name(params), Qualifier: qualifier(req) };
        return restJsonResponse(200, getFunction(ctx, input, req.region));
      },
      async DeleteFunction(ctx, params, req) {
        deleteFunction(ctx, { FunctionName: name(params), Qualifier: qualifier(req) }, req.region);
        return restJsonResponse(204);
      },
      async GetFunctionConfiguration(ctx, params, req) {
        const input = { FunctionName: name(params), Qualifier: qualifier(req) };
        return restJsonResponse(200, getFunctionConfiguration(ctx, input, req.region));
      },
      async UpdateFunctionConfiguration(ctx, params, req) {
        const body = typedBody(parseRestJsonBody(req), "UpdateFunctionConfiguration");
        const input = { ...body, FunctionName: name(params) };
        return restJsonResponse(200, updateFunctionConfiguration(ctx, input, req.region));
      },
      async UpdateFunctionCode(ctx, params, req) {
        const body = typedBody(parseRestJsonBody(req), "UpdateFunctionCode");
        const input = { ...body, FunctionName: name(params) };
        return restJsonResponse(200, updateFunctionCode(ctx, input, req.region));
      },
      async PublishVersion(ctx, params, req) {
        const body = typedBody(parseRestJsonBody(req), "PublishVersion");
        const input = { ...body, FunctionName: name(params) };
        return restJsonResponse(201, publishVersion(ctx, input, req.region));
      },
      async ListVersionsByFunction(ctx, params, req) {
        return restJsonResponse(
          200,
          listVersionsByFunction(ctx, { FunctionName: name(params) }, req.region),
        );
      },
      async Invoke(ctx, params, req) {
        return invoke(ctx, {
          FunctionName: name(params),
          Qualifier: qualifier(req),
          InvocationType: req.headers["x-amz-invocation-type"],
          LogType: req.headers["x-amz-log-type"],
          ClientContext: req.headers["x-amz-client-context"],
          Payload: req.body,
        });
      },
      async GetCodePackage(ctx, params) {
        return getCodePackage(ctx, name(params), params.File);
      },
    },
    async start(ctx: EngineContext) {
      engine = ctx;
      // A runtime left from an earlier engine on this data directory (same process) goes first.
      await shutdownLambda(ctx);
      runtimeOf(ctx);
    },
    async stop() {
      if (engine) await shutdownLambda(engine);
      engine = undefined;
    },
  });
}
