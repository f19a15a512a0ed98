// The local engine's task runner: resolves a Task state's Resource and calls the engine's own
// services in-process (no HTTP round trip), with Step Functions' result shapes and error names.
import { StatesError, type TaskRequest, type TaskRunner } from "../../asl/index.js";
import type { EngineContext } from "../types.js";
import { dynamodbCall, OPTIMIZED_DYNAMODB } from "./dynamodb.js";
import { lambdaFunction, lambdaInvoke } from "./lambda.js";
import { sdkCall } from "./sdk.js";

function unsupported(resource: string): StatesError {
  return new StatesError(
    "States.Runtime",
    `O recurso "${resource}" não é suportado pelo motor local (suportados: lambda:invoke, ARNs de funções Lambda, dynamodb:getItem|putItem|updateItem|deleteItem e aws-sdk:<serviço>:<ação>).`,
  );
}

/** Runs one task request against the engine `ctx`. */
export async function runTask(ctx: EngineContext, req: TaskRequest): Promise<unknown> {
  const parts = req.resource.split(":");
  if (parts[0] !== "arn" || parts.length < 6) throw unsupported(req.resource);
  if (parts[2] === "lambda" && parts[5] === "function") {
    return lambdaFunction(ctx, req.resource, req.args);
  }
  if (parts[2] !== "states") throw unsupported(req.resource);
  const integration = parts.slice(5);
  const [service, action] = integration;
  if (service === "lambda" && action === "invoke" && integration.length === 2) {
    return lambdaInvoke(ctx, req.args);
  }
  if (service === "dynamodb" && integration.length === 2 && OPTIMIZED_DYNAMODB.has(action)) {
    return dynamodbCall(ctx, action, req.args, "optimized");
  }
  if (service === "aws-sdk" && integration.length === 3 && /^[a-zA-Z0-9]+$/.test(integration[2])) {
    return sdkCall(ctx, action, integration[2], req.args);
  }
  throw unsupported(req.resource);
}

export function createTaskRunner(ctx: EngineContext): TaskRunner {
  return { run: (req) => runTask(ctx, req) };
}
