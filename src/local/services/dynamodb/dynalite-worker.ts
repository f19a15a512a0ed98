// The DynamoDB worker thread: dynalite and its LevelDB store, answering the engine's messages
// (see dynalite-thread.ts). LevelDB reads and writes, dynalite's validations and its expression
// parsers run here, on another core than the engine's HTTP server and interpreter.
import { parentPort, workerData } from "node:worker_threads";
import { batchedPost } from "../../batched-post.js";
import { Dynalite, type DynaliteOptions, type DynaliteResult, failure } from "./dynalite.js";

export type ToDynaliteWorker =
  | { t: "call"; id: number; op: string; json: string }
  | { t: "settle"; id: number }
  | { t: "close"; id: number };

export interface FromDynaliteWorker {
  id: number;
  /** A call's answer: its HTTP status and body (JSON text, as the wire carries it). */
  status?: number;
  json?: string;
  settled?: string[];
}

const SERIALIZATION = JSON.stringify({ __type: "com.amazon.coral.service#SerializationException" });

/** Runs one request given as JSON text; the answer as JSON text too (no structured clone). */
async function callJson(engine: Dynalite, op: string, json: string) {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return { status: 400, json: SERIALIZATION };
  }
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    return { status: 400, json: SERIALIZATION };
  }
  let result: DynaliteResult;
  try {
    result = await engine.call(op, data);
  } catch (err) {
    result = failure(err);
  }
  return result.ok
    ? { status: 200, json: JSON.stringify(result.body ?? {}) }
    : { status: result.status, json: JSON.stringify(result.body) };
}

const port = parentPort;
if (port) {
  const engine = new Dynalite({ ...(workerData as DynaliteOptions), syncReads: true });
  const reply = batchedPost<FromDynaliteWorker>((batch) => port.postMessage(batch));
  const handle = (m: ToDynaliteWorker) => {
    if (m.t === "call") {
      callJson(engine, m.op, m.json).then((answer) => reply({ id: m.id, ...answer }));
    } else if (m.t === "settle") {
      engine.settleTables().then(
        (settled) => reply({ id: m.id, settled }),
        () => reply({ id: m.id, settled: [] }),
      );
    } else if (m.t === "close") {
      const done = () => reply({ id: m.id });
      engine.close().then(done, done);
    }
  };
  port.on("message", (batch: ToDynaliteWorker[]) => {
    for (const m of batch) handle(m);
  });
}
