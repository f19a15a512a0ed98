// Executions: start (idempotent by name, as AWS defines it), run over the interpreter with every
// event journaled as it happens, stop, and resume the RUNNING ones found on disk at start.
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import {
  type HistoryEvent,
  runExecution,
  type StateMachine,
  type TaskRunner,
} from "../../../asl/index.js";
import { AwsError } from "../../errors.js";
import { executionArn, expressExecutionArn } from "./arns.js";
import { type ExecutionMeta, JournalStore, type Positions } from "./journal.js";
import type { MachineRegistry, ResolvedMachine } from "./machines.js";

export type ExecutionStatus = "RUNNING" | "SUCCEEDED" | "FAILED" | "TIMED_OUT" | "ABORTED";

export interface ExecutionRecord {
  meta: ExecutionMeta;
  express: boolean;
  status: ExecutionStatus;
  stopDate?: number;
  output?: string;
  error?: string;
  cause?: string;
  /** The history while running (standard executions read it back from the journal after). */
  events?: HistoryEvent[];
  /** Where its events are in the journal (standard executions). */
  positions?: Positions;
  ctrl?: AbortController;
  done: Promise<void>;
}

const TERMINAL: Record<string, { status: ExecutionStatus; key: string }> = {
  ExecutionSucceeded: { status: "SUCCEEDED", key: "executionSucceededEventDetails" },
  ExecutionFailed: { status: "FAILED", key: "executionFailedEventDetails" },
  ExecutionTimedOut: { status: "TIMED_OUT", key: "executionTimedOutEventDetails" },
  ExecutionAborted: { status: "ABORTED", key: "executionAbortedEventDetails" },
};

/** How long a stopping engine lets running tasks finish (stopEngine waits 10 s before SIGKILL). */
const STOP_GRACE_MS = 5_000;

export function executionDoesNotExist(arn: string): AwsError {
  return new AwsError("ExecutionDoesNotExist", `Execution Does Not Exist: '${arn}'`);
}

/** Applies a terminal event to the record; false when `e` is not terminal. */
function settle(rec: ExecutionRecord, e: HistoryEvent): boolean {
  const t = TERMINAL[e.type];
  if (!t) return false;
  const d = (e[t.key] ?? {}) as { output?: string; error?: string; cause?: string };
  rec.status = t.status;
  rec.stopDate = e.timestamp.getTime();
  if (d.output !== undefined) rec.output = d.output;
  if (d.error !== undefined) rec.error = d.error;
  if (d.cause !== undefined) rec.cause = d.cause;
  return true;
}

export interface StartRequest {
  resolved: ResolvedMachine;
  name?: string;
  input: string;
}

export class ExecutionRegistry {
  /** Executions by ARN. */
  private readonly byArn = new Map<string, ExecutionRecord>();
  /** Standard executions per state machine ARN, in start order. */
  private readonly byMachine = new Map<string, ExecutionRecord[]>();
  private readonly journal: JournalStore;
  private closed = false;

  private readonly runner: TaskRunner;
  /** Tasks running now (their side effects under way). */
  private inflight = 0;
  /** Stopping: tasks already running finish; new ones wait for the next start. */
  private draining = false;
  private onDrained: (() => void) | undefined;

  constructor(
    home: string,
    private readonly machines: MachineRegistry,
    runner: TaskRunner,
    private readonly log: (line: string) => void,
  ) {
    this.journal = new JournalStore(join(home, "states"));
    this.runner = {
      run: (req) => {
        // Held while stopping: TaskStarted is recorded but nothing runs, so the task runs once,
        // when the execution resumes.
        if (this.draining) return new Promise(() => {});
        this.inflight += 1;
        let run: Promise<unknown>;
        try {
          run = Promise.resolve(runner.run(req));
        } catch (err) {
          run = Promise.reject(err);
        }
        return run.finally(() => {
          this.inflight -= 1;
          if (this.inflight === 0) this.onDrained?.();
        });
      },
    };
  }

  get(arn: string): ExecutionRecord | undefined {
    return this.byArn.get(arn);
  }

  require(arn: string): ExecutionRecord {
    const rec = this.byArn.get(arn);
    if (!rec) throw executionDoesNotExist(arn);
    return rec;
  }

  /** Standard executions of a machine, newest first. */
  listFor(machineArn: string): ExecutionRecord[] {
    return [...(this.byMachine.get(machineArn) ?? [])].reverse();
  }

  counts(): { total: number; running: number } {
    let running = 0;
    for (const r of this.byArn.values()) if (r.status === "RUNNING") running += 1;
    return { total: this.byArn.size, running };
  }

  /** The full history of an execution (from memory while running, else from its journal). */
  history(rec: ExecutionRecord): HistoryEvent[] {
    if (rec.events) return rec.events;
    if (!rec.positions) return [];
    return this.journal.read(rec.positions);
  }

  private add(rec: ExecutionRecord): void {
    this.byArn.set(rec.meta.executionArn, rec);
    if (rec.express) return;
    let list = this.byMachine.get(rec.meta.stateMachineArn);
    if (!list) {
      list = [];
      this.byMachine.set(rec.meta.stateMachineArn, list);
    }
    list.push(rec);
  }

  /**
   * StartExecution. Same name + same input while the execution runs: the same execution
   * (API_StartExecution: "the call succeeds and return the same response as the original
   * request"); otherwise ExecutionAlreadyExists.
   */
  start(req: StartRequest): {
    rec: ExecutionRecord;
    existing: boolean;
    /** Resolves once the start is in the journal (answer StartExecution after it). */
    persisted: Promise<void>;
  } {
    const { machine } = req.resolved;
    const express = machine.type === "EXPRESS";
    const name = req.name ?? randomUUID();
    const region = machine.arn.split(":")[3];
    const account = machine.arn.split(":")[4];
    const arn = express
      ? expressExecutionArn(region, account, machine.name, name, randomUUID())
      : executionArn(region, account, machine.name, name);
    const prior = this.byArn.get(arn);
    if (prior) {
      if (prior.status === "RUNNING" && prior.meta.input === req.input) {
        return { rec: prior, existing: true, persisted: Promise.resolve() };
      }
      throw new AwsError("ExecutionAlreadyExists", `Execution Already Exists: '${arn}'`);
    }
    const meta: ExecutionMeta = {
      executionArn: arn,
      stateMachineArn: machine.arn,
      machineName: machine.name,
      name,
      input: req.input,
      roleArn: req.resolved.roleArn,
      definition: req.resolved.definition,
      startDate: Date.now(),
    };
    if (req.resolved.version) meta.versionArn = req.resolved.version.arn;
    const rec: ExecutionRecord = { meta, express, status: "RUNNING", done: Promise.resolve() };
    const sm = this.machines.compile(meta.definition);
    let persisted = Promise.resolve();
    if (!express) {
      rec.positions = [];
      persisted = this.journal.begin(meta);
    }
    this.add(rec);
    this.run(rec, sm, undefined);
    return { rec, existing: false, persisted };
  }

  private run(rec: ExecutionRecord, sm: StateMachine, replay: HistoryEvent[] | undefined): void {
    const ctrl = new AbortController();
    rec.ctrl = ctrl;
    rec.events = replay ? [...replay] : [];
    const events = rec.events;
    const { meta } = rec;
    const input = JSON.parse(meta.input);
    rec.done = runExecution(sm, {
      input,
      context: {
        executionArn: meta.executionArn,
        executionName: meta.name,
        stateMachineArn: meta.versionArn ?? meta.stateMachineArn,
        stateMachineName: meta.machineName,
        roleArn: meta.roleArn,
        startTime: new Date(meta.startDate).toISOString(),
        input,
      },
      runner: this.runner,
      replay,
      signal: ctrl.signal,
      onEvent: (e) => {
        // After close() the engine is going away: nothing more is recorded, so the execution
        // stays RUNNING on disk and resumes on the next start.
        if (this.closed) return;
        if (e.type === "ExecutionStarted" && replay === undefined) {
          // The start date is the ExecutionStarted timestamp.
          e.timestamp = new Date(meta.startDate);
        }
        events.push(e);
        settle(rec, e);
        if (rec.positions) return this.journal.append(meta.executionArn, e, rec.positions);
      },
    }).then(
      () => {
        rec.ctrl = undefined;
        // Standard histories are read back from the journal; EXPRESS executions keep none and
        // are forgotten once closed (AWS describes and lists them only through CloudWatch Logs).
        rec.events = undefined;
        if (rec.express) this.byArn.delete(meta.executionArn);
      },
      (err) => {
        rec.ctrl = undefined;
        this.log(`execução ${meta.executionArn} falhou no motor: ${(err as Error)?.stack ?? err}`);
        if (rec.status === "RUNNING") {
          rec.status = "FAILED";
          rec.error = "States.Runtime";
          rec.cause = String((err as Error)?.message ?? err);
          rec.stopDate = Date.now();
        }
        rec.events = undefined;
        if (rec.express) this.byArn.delete(meta.executionArn);
      },
    );
  }

  /** StopExecution: aborts a running execution and waits for its ExecutionAborted event. */
  async stop(rec: ExecutionRecord, error?: string, cause?: string): Promise<void> {
    if (rec.status !== "RUNNING" || !rec.ctrl) return;
    const reason: { error?: string; cause?: string } = {};
    if (error !== undefined) reason.error = error;
    if (cause !== undefined) reason.cause = cause;
    rec.ctrl.abort(reason);
    await rec.done;
  }

  /** Loads the journal; RUNNING executions resume from their recorded history. */
  recover(): { resumed: number; loaded: number } {
    let resumed = 0;
    const journals = this.journal.recover().sort((a, b) => a.meta.startDate - b.meta.startDate);
    for (const j of journals) {
      const rec: ExecutionRecord = {
        meta: j.meta,
        express: false,
        status: "RUNNING",
        positions: j.positions,
        done: Promise.resolve(),
      };
      const finished = j.terminal !== undefined && settle(rec, j.terminal);
      this.add(rec);
      if (finished || this.closed) continue;
      let sm: StateMachine;
      let events: HistoryEvent[];
      try {
        sm = this.machines.compile(j.meta.definition);
        events = this.journal.read(j.positions);
      } catch (err) {
        this.log(`não foi possível retomar ${j.meta.executionArn}: ${(err as Error).message}`);
        continue;
      }
      this.run(rec, sm, events);
      resumed += 1;
    }
    return { resumed, loaded: journals.length };
  }

  /**
   * Engine shutdown: running executions stay RUNNING on disk and resume on the next start. Tasks
   * already running get up to `graceMs` to finish and have their results recorded (a task cut
   * off here would run a second time on resume: a second UpdateItem, a second Lambda call);
   * tasks that would start meanwhile are held and run after the restart.
   */
  async close(graceMs = STOP_GRACE_MS): Promise<void> {
    this.draining = true;
    if (this.inflight > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, graceMs);
        this.onDrained = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      // The interpreter records what the last tasks returned (and goes on to the next held task)
      // in the turn they finish; the journal writes it on the next.
      await new Promise((r) => setImmediate(r));
      await new Promise((r) => setImmediate(r));
    }
    this.closed = true;
    const running = [...this.byArn.values()].filter((r) => r.status === "RUNNING" && r.ctrl);
    for (const r of running) r.ctrl?.abort({ error: "States.Runtime", cause: "engine stopped" });
    await Promise.all(running.map((r) => r.done));
    this.journal.close();
  }
}
