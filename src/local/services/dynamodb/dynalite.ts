// dynalite embedded in-process: its LevelDB store, request validations and actions, called
// directly (no HTTP hop). dynalite keeps one file per DynamoDB action plus its validation.
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

import { batchedPost } from "../../batched-post.js";
import { type DynaliteResult, internalFailure } from "./dynalite-result.js";

export type { DynaliteResult } from "./dynalite-result.js";

const require = createRequire(import.meta.url);

interface DynaliteError extends Error {
  statusCode?: number;
  body?: { __type?: string; message?: string; Message?: string };
}
type Callback = (err: DynaliteError | null, data?: unknown) => void;
type Cb<T = unknown> = (err: Error | null | undefined, value?: T) => void;
interface TableDb {
  get(key: string, cb: Cb<Record<string, unknown>>): void;
  put(key: string, value: unknown, cb: Cb): void;
  del(key: string, cb: Cb): void;
  batch(operations: unknown[], cb: Cb): void;
}
interface LevelDb {
  status: string;
  get(key: string, cb?: Cb): unknown;
  getSync?(key: string): unknown;
  put(key: string, value: unknown, cb?: Cb): unknown;
  batch(operations: unknown[], cb?: Cb): unknown;
  close(cb: (err?: Error) => void): void;
}
interface DynaliteStore {
  tableDb: TableDb;
  lifecycleManager?: { gracefulClose(cb: (err?: Error) => void): void };
  db: LevelDb;
}
interface Validations {
  checkTypes(data: unknown, types: unknown): Record<string, unknown>;
  checkValidations(data: unknown, types: unknown, custom: unknown, store: DynaliteStore): void;
  toLowerFirst(s: string): string;
}
interface ActionValidation {
  types: unknown;
  custom?: unknown;
}

const db = require("dynalite/db") as { create(options: Record<string, unknown>): DynaliteStore };
const validations = require("dynalite/validations") as Validations;

interface PegParser {
  parse(text: string, options?: { startRule?: string; context?: unknown }): unknown;
}
const conditionParser = require("dynalite/db/conditionParser") as PegParser;
const parseCondition = conditionParser.parse;
const parsedConditions = new Map<string, unknown>();
/**
 * Condition expressions that name no `#attribute` and no `:value` (`attribute_not_exists(id)`)
 * parse to the same tree, or the same error text, every time: dynalite's validations parse each
 * request's expressions (its PEG parser took ~90 µs for that one), so those are parsed once.
 * Callers get a copy, as they would a fresh tree (its null-prototype maps kept so). Anything with
 * references parses as before.
 */
conditionParser.parse = (text, options) => {
  if (typeof text !== "string" || /[#:]/.test(text) || options?.startRule !== undefined) {
    return parseCondition(text, options);
  }
  let tree = parsedConditions.get(text);
  if (tree === undefined) {
    tree = parseCondition(text, options);
    if (!isTree(tree)) return tree;
    if (parsedConditions.size < 1000) parsedConditions.set(text, tree);
  }
  return cloneTree(tree);
};

/** Only strings, numbers, booleans, null, arrays and plain or null-prototype objects. */
function isTree(v: unknown): boolean {
  if (v === null || typeof v !== "object") {
    return v === null || ["string", "number", "boolean"].includes(typeof v);
  }
  if (Array.isArray(v)) return v.every(isTree);
  const proto = Object.getPrototypeOf(v);
  if (proto !== null && (proto !== Object.prototype || Object.hasOwn(v, "__proto__"))) {
    return proto === null && Object.values(v).every(isTree);
  }
  return Object.values(v).every(isTree);
}

function cloneTree(v: unknown): unknown {
  if (v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) return v.map(cloneTree);
  const out: Record<string, unknown> = Object.create(Object.getPrototypeOf(v));
  for (const [k, x] of Object.entries(v)) out[k] = cloneTree(x);
  return out;
}

/** The operations dynalite implements (its index.js list). */
export const DYNAMODB_OPERATIONS = [
  "BatchGetItem",
  "BatchWriteItem",
  "CreateTable",
  "DeleteItem",
  "DeleteTable",
  "DescribeTable",
  "DescribeTimeToLive",
  "GetItem",
  "ListTables",
  "PutItem",
  "Query",
  "Scan",
  "TagResource",
  "UntagResource",
  "ListTagsOfResource",
  "UpdateItem",
  "UpdateTable",
] as const;

const actions = new Map<string, (store: DynaliteStore, data: unknown, cb: Callback) => void>();
const actionValidations = new Map<string, ActionValidation>();
for (const op of DYNAMODB_OPERATIONS) {
  const name = validations.toLowerFirst(op);
  actions.set(op, require(`dynalite/actions/${name}`));
  actionValidations.set(op, require(`dynalite/validations/${name}`));
}

export interface DynaliteOptions {
  /** LevelDB directory; omitted → in memory. */
  path?: string;
  /**
   * Read LevelDB synchronously (classic-level's getSync) and write the puts of one event-loop
   * turn as one batch: for a store that has a thread of its own, where a read then costs no
   * hand-off to libuv's thread pool and back, and concurrent writes one log write.
   */
  syncReads?: boolean;
  createTableMs?: number;
  deleteTableMs?: number;
  updateTableMs?: number;
}

export class Dynalite {
  private readonly store: DynaliteStore;
  private closed = false;
  /** Writes the puts queued in this turn now (batchPuts), before the store closes. */
  private flushPuts: (() => void) | undefined;

  constructor(options: DynaliteOptions) {
    if (options.path) mkdirSync(options.path, { recursive: true });
    const { syncReads, ...rest } = options;
    this.store = db.create(rest);
    cacheTables(this.store.tableDb);
    if (syncReads) {
      readSynchronously(this.store.db);
      this.flushPuts = batchPuts(this.store.db);
    }
  }

  static at(home: string, options: Omit<DynaliteOptions, "path"> = {}): Dynalite {
    return new Dynalite({ ...options, path: join(home, "dynamodb") });
  }

  /** Runs an operation with dynalite's validations; `data` must be a fresh (mutable) object. */
  call(operation: string, data: unknown): Promise<DynaliteResult> {
    const action = actions.get(operation);
    const validation = actionValidations.get(operation);
    if (!action || !validation) {
      return Promise.resolve({
        ok: false,
        status: 400,
        body: { __type: "com.amazon.coral.service#UnknownOperationException" },
      });
    }
    if (this.closed) {
      return Promise.resolve({
        ok: false,
        status: 500,
        body: { __type: "com.amazonaws.dynamodb.v20120810#InternalFailure", message: "closed" },
      });
    }
    let input: Record<string, unknown>;
    try {
      input = validations.checkTypes(nullTablesAsEmpty(operation, data), validation.types);
      validations.checkValidations(input, validation.types, validation.custom, this.store);
    } catch (err) {
      return Promise.resolve(failure(err));
    }
    return new Promise((resolve) => {
      try {
        action(this.store, input, (err, out) => {
          if (err) resolve(withAwsMessage(operation, input, failure(err)));
          else resolve({ ok: true, body: out });
        });
      } catch (err) {
        resolve(failure(err));
      }
    });
  }

  /**
   * Finishes table transitions an earlier engine left half-done (killed while a table was
   * CREATING, UPDATING or DELETING: dynalite completes them on a timer that died with it).
   */
  async settleTables(): Promise<string[]> {
    const settled: string[] = [];
    let start: string | undefined;
    for (;;) {
      const page = await this.call("ListTables", start ? { ExclusiveStartTableName: start } : {});
      if (!page.ok) return settled;
      const body = page.body as { TableNames?: string[]; LastEvaluatedTableName?: string };
      for (const name of body.TableNames ?? []) {
        if (await this.settleTable(name)) settled.push(name);
      }
      start = body.LastEvaluatedTableName;
      if (!start) return settled;
    }
  }

  private async settleTable(name: string): Promise<boolean> {
    const db = this.store.tableDb;
    const table = await new Promise<Record<string, unknown> | undefined>((resolve) =>
      db.get(name, (err, value) => resolve(err ? undefined : value)),
    );
    if (!table) return false;
    const status = table.TableStatus;
    if (status === "DELETING") {
      await new Promise<void>((resolve) => db.del(name, () => resolve()));
      return true;
    }
    const indexes = (table.GlobalSecondaryIndexes ?? []) as { IndexStatus?: string }[];
    const busy = (s: unknown) => s === "CREATING" || s === "UPDATING";
    if (!busy(status) && !indexes.some((i) => busy(i.IndexStatus))) return false;
    table.TableStatus = "ACTIVE";
    for (const index of indexes) if (busy(index.IndexStatus)) index.IndexStatus = "ACTIVE";
    await new Promise<void>((resolve) => db.put(name, table, () => resolve()));
    return true;
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.closed = true;
    this.flushPuts?.();
    return new Promise((resolve) => {
      const done = () => resolve();
      if (this.store.lifecycleManager) this.store.lifecycleManager.gracefulClose(done);
      else this.store.db.close(done);
    });
  }
}

/**
 * Keeps table descriptions in memory. dynalite reads a table's description from LevelDB on
 * every item operation (db.getTable); every write of one goes through this same `tableDb`
 * object (CreateTable, UpdateTable, DeleteTable and the settling above), so its put/del/batch
 * keep the cache exact. Readers still get a fresh object each time, as from LevelDB.
 */
function cacheTables(tableDb: TableDb): void {
  const cache = new Map<string, string>();
  /** Bumped on every write of a key, so a read or write that finishes late cannot cache a stale value. */
  const versions = new Map<string, number>();
  const bump = (key: string): number => {
    const v = (versions.get(key) ?? 0) + 1;
    versions.set(key, v);
    cache.delete(key);
    return v;
  };
  const { get, put, del, batch } = tableDb;
  tableDb.get = (key, cb) => {
    const hit = cache.get(key);
    if (hit !== undefined) {
      queueMicrotask(() => cb(null, JSON.parse(hit)));
      return;
    }
    const v = versions.get(key) ?? 0;
    get.call(tableDb, key, (err, value) => {
      if (!err && value && typeof value === "object" && (versions.get(key) ?? 0) === v) {
        cache.set(key, JSON.stringify(value));
      }
      cb(err, value);
    });
  };
  tableDb.put = (key, value, cb) => {
    const v = bump(key);
    const text = JSON.stringify(value);
    put.call(tableDb, key, value, (err) => {
      if (!err && versions.get(key) === v) cache.set(key, text);
      cb(err);
    });
  };
  tableDb.del = (key, cb) => {
    bump(key);
    del.call(tableDb, key, cb);
  };
  tableDb.batch = (operations, cb) => {
    for (const op of operations as { key?: unknown }[]) bump(String(op.key));
    batch.call(tableDb, operations, cb);
  };
}

/**
 * dynalite reads every item through the main database's callback `get`, which calls LevelDB in
 * libuv's thread pool. Where the database is open and has getSync, the value is read at once and
 * handed to the callback as dynalite's wrapper does (on setImmediate); otherwise (opening,
 * closing, an error) the asynchronous path runs as before. Writes keep their own path; dynalite
 * locks a key across its read and write, so reading synchronously changes no ordering.
 */
function readSynchronously(level: LevelDb): void {
  const get = level.get;
  if (typeof level.getSync !== "function") return;
  level.get = (key: string, cb?: Cb) => {
    if (typeof cb !== "function" || level.status !== "open") return get.call(level, key, cb);
    let value: unknown;
    try {
      value = level.getSync?.(key);
    } catch {
      return get.call(level, key, cb);
    }
    setImmediate(cb, null, value);
  };
}

/**
 * dynalite writes each item with its own `put` (one LevelDB write, one hand-off to the thread
 * pool). The puts requested in one event-loop turn go out as one `batch` (one atomic LevelDB
 * write); each caller's callback runs once the batch is written, with its error if it failed.
 * dynalite holds a key's lock until its put calls back, so no ordering it relies on changes.
 */
function batchPuts(level: LevelDb): () => void {
  const { put, batch } = level;
  const queue = batchedPost<{ key: string; value: unknown; cb: Cb }>((ops) => {
    if (level.status !== "open") {
      for (const op of ops) put.call(level, op.key, op.value, op.cb);
      return;
    }
    batch.call(
      level,
      ops.map((op) => ({ type: "put", key: op.key, value: op.value })),
      (err) => {
        for (const op of ops) op.cb(err ?? null);
      },
    );
  });
  level.put = (key: string, value: unknown, cb?: Cb) => {
    if (typeof cb !== "function") return put.call(level, key, value, cb);
    queue({ key, value, cb });
  };
  return queue.flush;
}

/**
 * dynalite 4 answers CreateTable of an existing table with an empty message; DynamoDB says
 * "Table already exists: <name>" (SDKs show it as the exception's message).
 */
function withAwsMessage(
  operation: string,
  input: Record<string, unknown>,
  result: Extract<DynaliteResult, { ok: false }>,
): Extract<DynaliteResult, { ok: false }> {
  const body = result.body;
  if (
    operation === "CreateTable" &&
    body.__type?.endsWith("#ResourceInUseException") &&
    !body.message
  ) {
    return { ...result, body: { ...body, message: `Table already exists: ${input.TableName}` } };
  }
  return result;
}

/**
 * BatchGetItem's `RequestItems: {"t": null}`: dynalite's type check lets the null through and its
 * custom validation then throws. DynamoDB reads a null structure as an empty one and answers
 * "Value null at 'requestItems.t.member.keys' … Member must not be null"; so does this.
 */
function nullTablesAsEmpty(operation: string, data: unknown): unknown {
  if (operation !== "BatchGetItem" || !isRecord(data) || !isRecord(data.RequestItems)) return data;
  const items = data.RequestItems;
  for (const [table, v] of Object.entries(items)) if (v === null) items[table] = {};
  return data;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

export function failure(err: unknown): Extract<DynaliteResult, { ok: false }> {
  const e = err as DynaliteError;
  if (e?.statusCode && e.body) {
    const message = e.body.message ?? e.body.Message;
    return {
      ok: false,
      status: e.statusCode,
      body: { __type: e.body.__type ?? "InternalFailure", ...(message ? { message } : {}) },
    };
  }
  return internalFailure(e instanceof Error ? e.message : String(err));
}
