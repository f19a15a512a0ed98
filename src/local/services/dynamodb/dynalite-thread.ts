// dynalite in a worker thread of the engine: the same operations as the in-thread Dynalite
// (call, settleTables, close), over messages. A request's DynamoDB work (LevelDB, validations,
// expression parsing: most of an UpdateItem's cost) then leaves the thread that serves HTTP and
// runs the workflows. If the thread dies, the requests it had answer InternalFailure (500) and
// the next one starts a new thread over the same store; the engine keeps serving throughout.
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { batchedPost } from "../../batched-post.js";
import { entryScript } from "../../entry-script.js";
import type { DynaliteOptions } from "./dynalite.js";
import { type DynaliteResult, internalFailure } from "./dynalite-result.js";
import type { FromDynaliteWorker, ToDynaliteWorker } from "./dynalite-worker.js";

/** A DynamoDB answer as the wire carries it: HTTP status and JSON body text. */
export interface JsonAnswer {
  status: number;
  json: string;
}

/** What the DynamoDB service needs of its store. */
export interface DynamoDbStore {
  /** Runs an operation with dynalite's validations. */
  call(operation: string, data: unknown): Promise<DynaliteResult>;
  /**
   * The same, for a request body as JSON text (as it came over HTTP): not an object →
   * SerializationException (400). The HTTP route passes bodies through without parsing them.
   */
  callJson(operation: string, json: string): Promise<JsonAnswer>;
  /** Finishes table transitions an engine killed mid-way left behind; the names settled. */
  settleTables(): Promise<string[]>;
  close(): Promise<void>;
}

type Message = ToDynaliteWorker extends infer M
  ? M extends { id: number }
    ? Omit<M, "id">
    : never
  : never;

export class DynaliteThread implements DynamoDbStore {
  private readonly pending = new Map<number, (m: FromDynaliteWorker) => void>();
  private next = 1;
  private worker: Worker | undefined;
  /** Resolves once the previous thread has ended (a new one may then open the store). */
  private ended: Promise<void> = Promise.resolve();
  private closing: Promise<void> | undefined;
  /** Posts to the current thread; what was queued for a thread that died is dropped with it. */
  private post: (message: ToDynaliteWorker) => void = () => undefined;
  /** How many threads have ended without being asked to (diagnostics, tests). */
  restarts = 0;

  private constructor(
    private readonly script: string,
    private readonly workerData: DynaliteOptions,
  ) {
    this.start();
  }

  /** Starts the thread over the LevelDB store in <home>/dynamodb. */
  static async at(
    home: string,
    options: Omit<DynaliteOptions, "path"> = {},
  ): Promise<DynaliteThread> {
    const script = await entryScript(import.meta.url, "dynalite-worker", true);
    return new DynaliteThread(script, { ...options, path: join(home, "dynamodb") });
  }

  private start(): Worker {
    const worker = new Worker(this.script, { workerData: this.workerData });
    this.worker = worker;
    this.post = batchedPost((batch) => worker.postMessage(batch));
    let exited!: () => void;
    this.ended = new Promise((resolve) => {
      exited = resolve;
    });
    worker.on("message", (batch: FromDynaliteWorker[]) => {
      for (const m of batch) {
        const resolve = this.pending.get(m.id);
        this.pending.delete(m.id);
        resolve?.(m);
      }
    });
    // A thread that dies (an error dynalite did not catch): what it was doing answers
    // InternalFailure, and the next request starts a new thread over the same store.
    worker.on("error", () => undefined);
    worker.on("exit", () => {
      if (this.worker === worker) this.worker = undefined;
      if (this.closing === undefined) this.restarts += 1;
      const waiting = [...this.pending.values()];
      this.pending.clear();
      for (const resolve of waiting) resolve({ id: 0, settled: [] });
      exited();
    });
    return worker;
  }

  async call(operation: string, data: unknown): Promise<DynaliteResult> {
    const answer = await this.callJson(operation, JSON.stringify(data ?? {}));
    const body = JSON.parse(answer.json);
    return answer.status === 200 ? { ok: true, body } : { ok: false, status: answer.status, body };
  }

  async callJson(operation: string, json: string): Promise<JsonAnswer> {
    const m = await this.send({ t: "call", op: operation, json });
    if (m.status !== undefined && m.json !== undefined) return { status: m.status, json: m.json };
    const failure = internalFailure(
      this.closing ? "DynamoDB is stopping" : "The DynamoDB thread ended; retry the request.",
    );
    return { status: failure.status, json: JSON.stringify(failure.body) };
  }

  async settleTables(): Promise<string[]> {
    return (await this.send({ t: "settle" })).settled ?? [];
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      const worker = this.worker;
      if (!worker) return;
      await this.send({ t: "close" });
      await worker.terminate();
    })();
    return this.closing;
  }

  private async send(message: Message): Promise<FromDynaliteWorker> {
    if (this.closing !== undefined && message.t !== "close") return { id: 0 };
    if (this.worker === undefined) {
      await this.ended;
      if (this.worker === undefined) this.start();
    }
    const id = this.next++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.post({ ...message, id } as ToDynaliteWorker);
    });
  }
}
