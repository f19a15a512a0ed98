// DynamoDB tasks over the engine's embedded DynamoDB, in-process (the service's own
// `dynamodbCall`, no HTTP): the optimized integration (arn:aws:states:::dynamodb:getItem|
// putItem|updateItem|deleteItem) and aws-sdk:dynamodb:<action>. The result is the API's
// response as the SDK returns it (PascalCase, attribute values typed).
import { StatesError } from "../../asl/index.js";
import { AwsError, requestId } from "../errors.js";
import { dynamodbCall as callDynamoDb } from "../services/dynamodb/index.js";
import type { EngineContext } from "../types.js";
import { unavailable } from "./call.js";
import { optimizedCause, sdkCause, withExceptionSuffix } from "./naming.js";

export const OPTIMIZED_DYNAMODB = new Set(["getItem", "putItem", "updateItem", "deleteItem"]);

export function pascal(action: string): string {
  return action.charAt(0).toUpperCase() + action.slice(1);
}

/** Calls DynamoDB action `action` (camelCase as in the resource) with `args` (PascalCase). */
export async function dynamodbCall(
  ctx: EngineContext,
  action: string,
  args: unknown,
  style: "optimized" | "sdk",
): Promise<unknown> {
  if (!Object.hasOwn(ctx.services, "dynamodb")) throw unavailable("dynamodb");
  try {
    return await callDynamoDb(pascal(action), (args ?? {}) as object, ctx);
  } catch (err) {
    if (!(err instanceof AwsError)) throw err;
    const id = requestId();
    if (style === "optimized") {
      throw new StatesError(
        `DynamoDB.${err.code}`,
        optimizedCause(err.message, "AmazonDynamoDBv2", err.status, err.code, id),
      );
    }
    throw new StatesError(
      `DynamoDb.${withExceptionSuffix(err.code)}`,
      sdkCause(err.message, "DynamoDb", err.status, id),
    );
  }
}
