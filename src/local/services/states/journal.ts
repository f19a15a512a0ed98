// Durable execution histories: one append-only JSON-lines file per execution under
// <home>/states/executions/<machine>/<execution>.jsonl. The first line describes the execution
// (definition snapshot included, so a resumed run uses what it started with); every following
// line is one history event, written synchronously as it is emitted — so it is in the kernel
// before the interpreter moves on (survives SIGKILL of the engine; no fsync, so not power loss).
import {
  appendFileSync,
  closeSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  writeSync,
} from "node:fs";
import { join } from "node:path";
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
const MAX_OPEN = 256;
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

/** The writer of one execution's journal. */
export class Journal {
  private fd: number | undefined;

  private constructor(readonly file: string) {}

  /** Creates the journal and writes the execution's description. */
  static create(root: string, meta: ExecutionMeta): Journal {
    const dir = join(root, encodeURIComponent(meta.machineName));
    mkdirSync(dir, { recursive: true });
    const j = new Journal(join(dir, fileName(meta.name)));
    j.append(`${JSON.stringify(meta)}\n`, "w");
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
    this.append(eventLine(e));
  }

  close(): void {
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
export function readJournal(file: string): JournalContents | undefined {
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
      const j = readJournal(join(root, m, f));
      if (j) out.push(j);
    }
  }
  return out;
}
