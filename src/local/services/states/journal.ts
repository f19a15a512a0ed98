// Durable execution histories: one append-only JSON-lines file per execution under
// <home>/states/executions/<machine>/<execution>.jsonl. The first line describes the execution
// (its definition is a reference to <home>/states/definitions/<sha256>.json, the snapshot a
// resumed run uses); every following line is one history event. Events are batched: written
// at the end of the current event-loop turn, and at once (synchronously) for TaskScheduled and
// terminal events — so every event before a task's side effect is in the kernel before that
// side effect starts (survives SIGKILL of the engine; no fsync, so not power loss).
import { createHash } from "node:crypto";
import {
  appendFileSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { dirname, join } from "node:path";
import type { HistoryEvent } from "../../../asl/index.js";

export interface ExecutionMeta {
  executionArn: string;
  stateMachineArn: string;
  /** Version ARN when started through one. */
  versionArn?: string;
  machineName: string;
  name: string;
  input: string;
  roleArn: string;
  definition: string;
  startDate: number;
}

/** Keep at most this many files open; beyond it, events are appended open-write-close. */
const MAX_OPEN = 512;
let open = 0;

function fileName(name: string): string {
  return `${encodeURIComponent(name)}.jsonl`;
}

function eventLine(e: HistoryEvent): string {
  return `${JSON.stringify({ ...e, timestamp: e.timestamp.getTime() })}\n`;
}

function parseEvent(raw: Record<string, unknown>): HistoryEvent {
  return { ...raw, timestamp: new Date(raw.timestamp as number) } as HistoryEvent;
}

/** Events that must be on disk before the interpreter goes on. */
const FLUSH_NOW = new Set([
  "TaskScheduled",
  "ExecutionSucceeded",
  "ExecutionFailed",
  "ExecutionTimedOut",
  "ExecutionAborted",
]);

const dirty = new Set<Journal>();
let flushScheduled = false;

function flushAll(): void {
  flushScheduled = false;
  for (const j of dirty) j.flush();
}

/** Directories already created by this process. */
const madeDirs = new Set<string>();

/** Definitions already on disk, by path. */
const storedDefinitions = new Set<string>();
const definitionCache = new Map<string, string>();

function definitionsDir(root: string): string {
  return join(dirname(root), "definitions");
}

/** Stores a definition once under its SHA-256; returns the reference. */
function storeDefinition(root: string, definition: string): string {
  const ref = createHash("sha256").update(definition).digest("hex");
  const file = join(definitionsDir(root), `${ref}.json`);
  if (!storedDefinitions.has(file)) {
    if (!existsSync(file)) {
      mkdirSync(dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, definition);
      renameSync(tmp, file);
    }
    storedDefinitions.add(file);
  }
  return ref;
}

function loadDefinition(root: string, ref: string): string | undefined {
  const file = join(definitionsDir(root), `${ref}.json`);
  let text = definitionCache.get(file);
  if (text === undefined) {
    try {
      text = readFileSync(file, "utf8");
    } catch {
      return undefined;
    }
    definitionCache.set(file, text);
  }
  return text;
}

/** The writer of one execution's journal. */
export class Journal {
  private fd: number | undefined;
  private pending = "";

  private constructor(readonly file: string) {}

  /** Creates the journal and writes the execution's description. */
  static create(root: string, meta: ExecutionMeta): Journal {
    const dir = join(root, encodeURIComponent(meta.machineName));
    if (!madeDirs.has(dir)) {
      mkdirSync(dir, { recursive: true });
      madeDirs.add(dir);
    }
    const j = new Journal(join(dir, fileName(meta.name)));
    const { definition, ...rest } = meta;
    const stored = { ...rest, definitionRef: storeDefinition(root, definition) };
    j.append(`${JSON.stringify(stored)}\n`, "w");
    return j;
  }

  /** Reopens the journal of an execution being resumed. */
  static reopen(file: string): Journal {
    return new Journal(file);
  }

  private append(line: string, flags = "a"): void {
    if (this.fd === undefined && open < MAX_OPEN) {
      this.fd = openSync(this.file, flags);
      open += 1;
    }
    if (this.fd !== undefined) writeSync(this.fd, line);
    else appendFileSync(this.file, line);
  }

  write(e: HistoryEvent): void {
    this.pending += eventLine(e);
    if (FLUSH_NOW.has(e.type)) {
      this.flush();
      return;
    }
    dirty.add(this);
    if (!flushScheduled) {
      flushScheduled = true;
      setImmediate(flushAll);
    }
  }

  flush(): void {
    dirty.delete(this);
    if (this.pending === "") return;
    const text = this.pending;
    this.pending = "";
    this.append(text);
  }

  close(): void {
    this.flush();
    if (this.fd === undefined) return;
    try {
      closeSync(this.fd);
    } catch {}
    this.fd = undefined;
    open -= 1;
  }
}

export interface JournalContents {
  file: string;
  meta: ExecutionMeta;
  events: HistoryEvent[];
}

/** Reads one journal; a torn last line (a crash mid-write) is ignored. */
export function readJournal(file: string, root?: string): JournalContents | undefined {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
  const lines = text.split("\n");
  let meta: ExecutionMeta | undefined;
  const events: HistoryEvent[] = [];
  for (const line of lines) {
    if (line === "") continue;
    let value: Record<string, unknown>;
    try {
      value = JSON.parse(line);
    } catch {
      continue;
    }
    if (meta === undefined) meta = value as unknown as ExecutionMeta;
    else events.push(parseEvent(value));
  }
  if (!meta?.executionArn) return undefined;
  const ref = (meta as { definitionRef?: string }).definitionRef;
  if (meta.definition === undefined && ref !== undefined) {
    const definition = loadDefinition(root ?? dirname(dirname(file)), ref);
    if (definition === undefined) return undefined;
    meta.definition = definition;
  }
  return { file, meta, events };
}

/** Every journal under `root`. */
export function scanJournals(root: string): JournalContents[] {
  const out: JournalContents[] = [];
  let machines: string[];
  try {
    machines = readdirSync(root);
  } catch {
    return out;
  }
  for (const m of machines) {
    let files: string[];
    try {
      files = readdirSync(join(root, m));
    } catch {
      continue;
    }
    for (const f of files) {
      if (!f.endsWith(".jsonl")) continue;
      const j = readJournal(join(root, m, f), root);
      if (j) out.push(j);
    }
  }
  return out;
}
