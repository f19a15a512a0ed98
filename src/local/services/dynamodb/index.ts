// DynamoDB (awsJson1_0) through embedded dynalite, persistent under <home>/dynamodb.
import { AwsError, requestId } from "../../errors.js";
import type { EngineContext, LocalResponse, Service } from "../../types.js";
import { clearPitr, EXTRA_OPERATIONS, extraOperation, forgetPitr } from "./continuous-backups.js";
import type { DynaliteOptions, DynaliteResult } from "./dynalite.js";
import { DynaliteThread, type DynamoDbStore } from "./dynalite-thread.js";

export { DYNAMODB_OPERATIONS } from "./dynalite.js";

const TARGET_PREFIX = "DynamoDB_20120810.";
const engines = new Map<string, DynamoDbStore>();
const homes = new WeakMap<DynamoDbStore, string>();

/** dynalite's operations plus the few the engine adds (continuous backups). */
async function run(
  engine: DynamoDbStore,
  home: string,
  op: string,
  data: unknown,
): Promise<DynaliteResult> {
  if (!EXTRA_OPERATIONS.includes(op)) {
    const result = await engine.call(op, data);
    if (op === "DeleteTable" && result.ok && home) {
      await clearPitr(home, (data as { TableName?: unknown }).TableName);
    }
    return result;
  }
  try {
    const body = await extraOperation(engine, home, op, data as Record<string, unknown>);
    return { ok: true, body };
  } catch (err) {
    if (err instanceof AwsError) {
      return { ok: false, status: err.status, body: { __type: err.code, message: err.message } };
    }
    throw err;
  }
}
let lastStarted: DynamoDbStore | undefined;

/** How long tables stay CREATING/DELETING/UPDATING (AWS: seconds; dynalite default 500 ms). */
function tableMs(): number {
  const v = Number.parseInt(process.env.CONTABANCO_DYNAMODB_TABLE_MS ?? "", 10);
  return Number.isFinite(v) && v >= 0 ? v : 50;
}

function engineFor(ctx?: Pick<EngineContext, "home">): DynamoDbStore {
  const engine = ctx ? engines.get(ctx.home) : lastStarted;
  if (!engine) throw new AwsError("InternalFailure", "DynamoDB is not started", 500);
  return engine;
}

function strip(type: string): string {
  const hash = type.lastIndexOf("#");
  return hash < 0 ? type : type.slice(hash + 1);
}

/**
 * Calls a DynamoDB operation in-process (no HTTP), with dynalite's validations and AWS's error
 * codes: `dynamodbCall("UpdateItem", {...})` resolves to the response object or throws an
 * AwsError whose `code` is e.g. "ConditionalCheckFailedException". `target` may carry the
 * "DynamoDB_20120810." prefix. `ctx` picks the engine; omitted → the last engine started.
 */
export async function dynamodbCall(
  target: string,
  body: object,
  ctx?: Pick<EngineContext, "home">,
): Promise<Record<string, unknown>> {
  const op = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : target;
  const engine = engineFor(ctx);
  // The worker thread receives a copy (structured clone), as dynalite needs a mutable object.
  const result = await run(engine, homes.get(engine) ?? "", op, body);
  if (result.ok) return (result.body ?? {}) as Record<string, unknown>;
  throw new AwsError(strip(result.body.__type), result.body.message ?? "", result.status, {
    __type: result.body.__type,
  });
}

function replyJson(status: number, json: string, contentType: string): LocalResponse {
  return {
    status,
    headers: { "content-type": contentType, "x-amzn-requestid": requestId() },
    body: json,
  };
}

function reply(status: number, body: unknown, contentType: string): LocalResponse {
  return replyJson(status, JSON.stringify(body), contentType);
}

export function createDynamoDbService(options: Omit<DynaliteOptions, "path"> = {}): Service {
  let engine: DynamoDbStore | undefined;
  let home: string | undefined;
  return {
    name: "dynamodb",
    async start(ctx) {
      const ms = tableMs();
      engine = await DynaliteThread.at(ctx.home, {
        createTableMs: ms,
        deleteTableMs: ms,
        updateTableMs: ms,
        ...options,
      });
      home = ctx.home;
      const settled = await engine.settleTables();
      if (settled.length > 0)
        ctx.log(`dynamodb: tabelas finalizadas após reinício: ${settled.join(", ")}`);
      homes.set(engine, ctx.home);
      engines.set(ctx.home, engine);
      lastStarted = engine;
    },
    async stop() {
      if (!engine) return;
      if (home && engines.get(home) === engine) engines.delete(home);
      if (home) forgetPitr(home);
      if (lastStarted === engine) lastStarted = undefined;
      await engine.close();
      engine = undefined;
    },
    async handle(req) {
      if (!engine) throw new AwsError("InternalFailure", "DynamoDB is not started", 500);
      // Same answers as DynamoDB (and dynalite) for requests that are not API calls.
      if (req.method === "GET") {
        return {
          status: 200,
          headers: { "content-type": "text/plain" },
          body: `healthy: dynamodb.${req.region}.amazonaws.com `,
        };
      }
      const contentType = (req.headers["content-type"] ?? "").split(";")[0].trim();
      if (
        req.method !== "POST" ||
        (req.body.length > 0 &&
          contentType !== "application/json" &&
          contentType !== "application/x-amz-json-1.0")
      ) {
        return {
          status: 404,
          headers: { "content-type": "application/xml", "x-amzn-requestid": requestId() },
          body: "<UnknownOperationException/>\n",
        };
      }
      const responseType =
        contentType === "application/x-amz-json-1.0" ? contentType : "application/json";
      const target = req.target ?? "";
      const op = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : "";
      if (op && !EXTRA_OPERATIONS.includes(op) && op !== "DeleteTable") {
        // The body goes to the DynamoDB thread as it came and the answer comes back as text:
        // this thread neither parses nor serializes item data.
        const answer = await engine.callJson(op, req.body.toString("utf8"));
        return replyJson(answer.status, answer.json, responseType);
      }
      let data: unknown;
      if (req.body.length > 0) {
        try {
          data = JSON.parse(req.body.toString("utf8"));
        } catch {
          data = undefined;
        }
      }
      const serialization = { __type: "com.amazon.coral.service#SerializationException" };
      const isObject = data !== null && typeof data === "object" && !Array.isArray(data);
      if (req.body.length > 0 && !isObject) return reply(400, serialization, responseType);
      if (!op) {
        const unknown = { __type: "com.amazon.coral.service#UnknownOperationException" };
        return reply(400, unknown, responseType);
      }
      if (!isObject) return reply(400, serialization, responseType);
      const result = await run(engine, home ?? "", op, data);
      if (result.ok) return reply(200, result.body, responseType);
      return reply(result.status, result.body, responseType);
    },
  };
}
