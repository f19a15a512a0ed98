// Durable execution histories: append-only JSON-lines segments shared by every execution,
// <home>/states/journal/<start>-<pid>.jsonl (one per engine run). A line is either an
// execution's description {"m": meta} — its definition a reference to
// <home>/states/definitions/<sha256>.json, the snapshot a resumed run uses — or one history
// event {"x": executionArn, "e": event}. Lines are batched: one write per event-loop turn for
// all executions. A start, the TaskStarted that precedes a task's side effect and terminal events
// return a promise of that write, which StartExecution and the interpreter await: every event
// before a side effect is in the kernel before that side effect starts (survives SIGKILL of the
// engine; no fsync, so not power loss). Closed executions keep only
// the byte positions of their events, read back for GetExecutionHistory.
import { createHash } from "node:crypto";
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  writeFileSync,
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

/** Where an execution's event lines are: [segment index, byte offset, byte length]… */
export type Positions = number[];

const TERMINAL_TYPES = new Set([
  "ExecutionSucceeded",
  "ExecutionFailed",
  "ExecutionTimedOut",
  "ExecutionAborted",
]);

/** Events that must be on disk before the interpreter goes on. */
const WAIT_FOR_WRITE = new Set(["TaskStarted", "LambdaFunctionStarted", ...TERMINAL_TYPES]);

/** The event as JSON: its timestamp Date becomes ISO-8601 text (Date#toJSON). */
function eventLine(arn: string, e: HistoryEvent): string {
  return `{"x":${JSON.stringify(arn)},"e":${JSON.stringify(e)}}\n`;
}

function parseEvent(raw: Record<string, unknown>): HistoryEvent {
  raw.timestamp = new Date(raw.timestamp as string);
  return raw as HistoryEvent;
}

export interface JournalContents {
  meta: ExecutionMeta;
  positions: Positions;
  /** The execution's terminal event, when its last recorded event is one. */
  terminal?: HistoryEvent;
}

const META = Buffer.from('{"m":');
const EVENT = Buffer.from('{"x":"');
const EVENT_SEPARATOR = Buffer.from('","e":');
/** An event line's event starts with its timestamp (Date#toJSON: 24 characters), then its type. */
const TYPE_OFFSET = '{"timestamp":"2026-01-01T00:00:00.000Z",'.length;
const TYPE = Buffer.from('"type":"');
const TERMINAL_TYPE = Buffer.from('"type":"Execution');
/** Segments are read in pieces of this size (a segment can be hundreds of MB). */
const READ_CHUNK = 8 * 1024 * 1024;

/** Calls `line(buf, start, end)` for every complete line of a file (end excludes "\n"). */
function eachLine(
  file: string,
  line: (buf: Buffer, start: number, end: number, at: number) => void,
) {
  const fd = openSync(file, "r");
  try {
    let buf = Buffer.alloc(READ_CHUNK);
    let filled = 0;
    /** File offset of buf[0]. */
    let base = 0;
    for (;;) {
      if (filled === buf.length) {
        // One line longer than the buffer: grow it.
        const bigger = Buffer.alloc(buf.length * 2);
        buf.copy(bigger, 0, 0, filled);
        buf = bigger;
      }
      const n = readSync(fd, buf, filled, buf.length - filled, base + filled);
      if (n === 0) return; // what is left has no newline: a torn last line, ignored
      filled += n;
      let start = 0;
      for (;;) {
        const nl = buf.indexOf(10, start);
        if (nl < 0 || nl >= filled) break;
        line(buf, start, nl, base + start);
        start = nl + 1;
      }
      buf.copy(buf, 0, start, filled);
      filled -= start;
      base += start;
    }
  } finally {
    closeSync(fd);
  }
}

/** Whether buf[start…end) begins with `prefix`. */
function startsAt(buf: Buffer, start: number, end: number, prefix: Buffer): boolean {
  return (
    end - start >= prefix.length &&
    buf.compare(prefix, 0, prefix.length, start, start + prefix.length) === 0
  );
}

/** The journal of one engine: the segments on disk and the one being written. */
export class JournalStore {
  private readonly dir: string;
  private readonly definitionsDir: string;
  private readonly segments: string[] = [];
  private readonly readFds = new Map<number, number>();
  private fd: number | undefined;
  private segment = -1;
  private position = 0;
  private pending: string[] = [];
  private pendingBytes = 0;
  private scheduled = false;
  private waiters: (() => void)[] = [];
  private readonly storedDefinitions = new Set<string>();
  private readonly definitions = new Map<string, string>();
  /** Definition text → its sha256 ref, so a start does not hash the definition again. */
  private readonly refs = new Map<string, string>();

  constructor(statesDir: string) {
    this.dir = join(statesDir, "journal");
    this.definitionsDir = join(statesDir, "definitions");
  }

  /**
   * Reads every segment: each execution's description, where its events are, and its terminal
   * event if it has one. Only description lines and terminal events are parsed; the other
   * event lines are recognised by their first bytes (the history of a RUNNING execution is read
   * back with `read` to resume it). Startup then costs a scan of the bytes, not a parse of
   * every event ever recorded, and closed executions keep no events in memory.
   */
  recover(): JournalContents[] {
    let files: string[] = [];
    try {
      files = readdirSync(this.dir)
        .filter((f) => f.endsWith(".jsonl"))
        .sort();
    } catch {}
    const byArn = new Map<string, JournalContents>();
    for (const f of files) {
      const index = this.segments.push(join(this.dir, f)) - 1;
      eachLine(join(this.dir, f), (buf, start, end, at) => {
        if (startsAt(buf, start, end, EVENT)) {
          const sep = buf.indexOf(EVENT_SEPARATOR, start + EVENT.length);
          if (sep < 0 || sep >= end) return;
          const arn = buf.toString("utf8", start + EVENT.length, sep);
          // ARNs need no JSON escapes; anything else is not a line this journal wrote.
          if (arn.includes("\\")) return;
          const j = byArn.get(arn);
          if (!j) return;
          j.positions.push(index, at, end + 1 - start);
          j.terminal = undefined;
          // The event's type sits at a fixed offset: `{"timestamp":"<24 characters>","type":"`.
          const type = sep + EVENT_SEPARATOR.length + TYPE_OFFSET;
          if (!startsAt(buf, type, end, TERMINAL_TYPE) && startsAt(buf, type, end, TYPE)) return;
          try {
            const value = JSON.parse(buf.toString("utf8", start, end)) as {
              e: Record<string, unknown>;
            };
            if (TERMINAL_TYPES.has(value.e.type as string)) j.terminal = parseEvent(value.e);
          } catch {
            j.positions.length -= 3;
          }
          return;
        }
        if (!startsAt(buf, start, end, META)) return;
        let value: { m?: ExecutionMeta & { definitionRef?: string } };
        try {
          value = JSON.parse(buf.toString("utf8", start, end));
        } catch {
          return;
        }
        const meta = value.m;
        if (!meta?.executionArn || byArn.has(meta.executionArn)) return;
        const def = meta.definitionRef ? this.loadDefinition(meta.definitionRef) : undefined;
        if (def === undefined) return;
        const { definitionRef: _ref, ...rest } = meta;
        byArn.set(meta.executionArn, { meta: { ...rest, definition: def }, positions: [] });
      });
    }
    return [...byArn.values()];
  }

  private storeDefinition(definition: string): string {
    const known = this.refs.get(definition);
    if (known !== undefined) return known;
    const ref = createHash("sha256").update(definition).digest("hex");
    if (!this.storedDefinitions.has(ref)) {
      const file = join(this.definitionsDir, `${ref}.json`);
      if (!existsSync(file)) {
        mkdirSync(this.definitionsDir, { recursive: true });
        const tmp = `${file}.${process.pid}.tmp`;
        writeFileSync(tmp, definition);
        renameSync(tmp, file);
      }
      this.storedDefinitions.add(ref);
      this.definitions.set(ref, definition);
    }
    this.refs.set(definition, ref);
    return ref;
  }

  private loadDefinition(ref: string): string | undefined {
    let text = this.definitions.get(ref);
    if (text === undefined) {
      try {
        text = readFileSync(join(this.definitionsDir, `${ref}.json`), "utf8");
      } catch {
        return undefined;
      }
      this.definitions.set(ref, text);
      this.storedDefinitions.add(ref);
    }
    return text;
  }

  private open(): void {
    if (this.fd !== undefined) return;
    mkdirSync(this.dir, { recursive: true });
    const name = `${String(Date.now()).padStart(15, "0")}-${process.pid}.jsonl`;
    const file = join(this.dir, name);
    this.fd = openSync(file, "a");
    this.segment = this.segments.push(file) - 1;
    this.position = 0;
  }

  /** Queues a line; returns its position [segment, offset, length]. */
  private enqueue(line: string): [number, number, number] {
    this.open();
    const len = Buffer.byteLength(line);
    const at: [number, number, number] = [this.segment, this.position + this.pendingBytes, len];
    this.pending.push(line);
    this.pendingBytes += len;
    return at;
  }

  /** Writes everything queued. */
  flush(): void {
    if (this.pending.length === 0 || this.fd === undefined) return;
    const buf = Buffer.from(this.pending.join(""));
    this.pending = [];
    this.pendingBytes = 0;
    let off = 0;
    while (off < buf.length) off += writeSync(this.fd, buf, off, buf.length - off);
    this.position += buf.length;
  }

  /** Schedules the batch write; with `wait`, a promise of it. */
  private later(wait: boolean): Promise<void> | undefined {
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        const waiters = this.waiters;
        this.waiters = [];
        try {
          this.flush();
        } finally {
          for (const w of waiters) w();
        }
      });
    }
    return wait ? new Promise((resolve) => this.waiters.push(resolve)) : undefined;
  }

  /** Records a new execution; the promise resolves once it is written. */
  begin(meta: ExecutionMeta): Promise<void> {
    const { definition, ...rest } = meta;
    this.enqueue(
      `${JSON.stringify({ m: { ...rest, definitionRef: this.storeDefinition(definition) } })}\n`,
    );
    return this.later(true) as Promise<void>;
  }

  /** Records one event of an execution; its position is appended to `positions`. */
  append(arn: string, e: HistoryEvent, positions: Positions): Promise<void> | undefined {
    positions.push(...this.enqueue(eventLine(arn, e)));
    return this.later(WAIT_FOR_WRITE.has(e.type));
  }

  /** The events at `positions`. */
  read(positions: Positions): HistoryEvent[] {
    this.flush();
    const out: HistoryEvent[] = [];
    for (let i = 0; i + 2 < positions.length; i += 3) {
      const [seg, pos, len] = [positions[i], positions[i + 1], positions[i + 2]];
      let fd = this.readFds.get(seg);
      if (fd === undefined) {
        fd = openSync(this.segments[seg], "r");
        this.readFds.set(seg, fd);
      }
      const buf = Buffer.alloc(len);
      readSync(fd, buf, 0, len, pos);
      const value = JSON.parse(buf.toString("utf8")) as { e: Record<string, unknown> };
      out.push(parseEvent(value.e));
    }
    return out;
  }

  close(): void {
    this.flush();
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    for (const fd of this.readFds.values()) closeSync(fd);
    this.readFds.clear();
  }
}
