// The DynamoDB worker thread: dynalite and its LevelDB store, answering the engine's messages
// (see dynalite-thread.ts). LevelDB reads and writes, dynalite's validations and its expression
// parsers run here, on another core than the engine's HTTP server and interpreter.
import { parentPort, workerData } from "node:worker_threads";
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
  port.on("message", (m: ToDynaliteWorker) => {
    if (m.t === "call") {
      engine.call(m.op, m.data).then(
        (result) => port.postMessage({ id: m.id, result } satisfies FromDynaliteWorker),
        (err) => port.postMessage({ id: m.id, result: internalFailure(err) }),
      );
    } else if (m.t === "settle") {
      engine.settleTables().then(
        (settled) => port.postMessage({ id: m.id, settled } satisfies FromDynaliteWorker),
        () => port.postMessage({ id: m.id, settled: [] } satisfies FromDynaliteWorker),
      );
    } else if (m.t === "close") {
      const done = () => port.postMessage({ id: m.id } satisfies FromDynaliteWorker);
      engine.close().then(done, done);
    }
  });
}
