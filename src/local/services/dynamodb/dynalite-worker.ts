// The DynamoDB worker thread: dynalite and its LevelDB store, answering the engine's messages
// (see dynalite-thread.ts). LevelDB reads and writes, dynalite's validations and its expression
// parsers run here, on another core than the engine's HTTP server and interpreter.
import { parentPort, workerData } from "node:worker_threads";
import { batchedPost } from "../../batched-post.js";
import { Dynalite, type DynaliteOptions, type DynaliteResult } from "./dynalite.js";

export type ToDynaliteWorker =
  | { t: "call"; id: number; op: string; data: unknown }
  | { t: "settle"; id: number }
  | { t: "close"; id: number };

export interface FromDynaliteWorker {
  id: number;
  result?: DynaliteResult;
  settled?: string[];
}

function internalFailure(err: unknown): DynaliteResult {
  return {
    ok: false,
    status: 500,
    body: {
      __type: "com.amazonaws.dynamodb.v20120810#InternalFailure",
      message: err instanceof Error ? err.message : String(err),
    },
  };
}

const port = parentPort;
if (port) {
  const engine = new Dynalite({ ...(workerData as DynaliteOptions), syncReads: true });
  const reply = batchedPost<FromDynaliteWorker>((batch) => port.postMessage(batch));
  const handle = (m: ToDynaliteWorker) => {
    if (m.t === "call") {
      engine.call(m.op, m.data).then(
        (result) => reply({ id: m.id, result }),
        (err) => reply({ id: m.id, result: internalFailure(err) }),
      );
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
