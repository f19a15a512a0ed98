/**
 * The history recorder: numbers events as GetExecutionHistory does (ids from 1;
 * previousEventId = the event before it in the same thread of control — the first state
 * of the execution has 0, a branch's first event points at ParallelStateStarted or
 * MapIterationStarted) and emits them as they happen.
 *
 * Replay: events already persisted are matched by their place in that tree (same
 * previousEventId, same type, same state name / iteration index) instead of by id, so a
 * re-run whose Parallel/Map branches interleave differently still lines up. A matched
 * event is not emitted again; once a thread finds no recorded event it runs live.
 */
import type { Clock, HistoryEvent } from "./types.js";

/** One thread of control (the main path, a Parallel branch or a Map iteration). */
export interface Thread {
  last: number;
}

function discriminator(e: HistoryEvent): string | number | undefined {
  const d = (e.stateEnteredEventDetails ??
    e.stateExitedEventDetails ??
    e.mapIterationStartedEventDetails ??
    e.mapIterationSucceededEventDetails ??
    e.mapIterationFailedEventDetails ??
    e.mapIterationAbortedEventDetails) as { name?: string; index?: number } | undefined;
  if (d === undefined) return undefined;
  return d.index ?? d.name;
}

export interface EmitOptions {
  /** Name or index that tells apart siblings with the same type and previous event. */
  disc?: string | number;
  /** previousEventId when it is not the thread's last event. */
  prev?: number;
  /** false: the event does not become the thread's last event (AWS's "marker" events). */
  advance?: boolean;
  /** Replay: match by type and disc among events with a greater id, whatever their prev. */
  after?: number;
}

export class Recorder {
  private nextId: number;
  private readonly children = new Map<number, HistoryEvent[]>();
  private readonly consumed = new Set<number>();
  private readonly replaying: boolean;
  /** Highest id among events seen (recorded or new). */
  count: number;

  constructor(
    private readonly clock: Clock,
    private readonly onEvent: ((e: HistoryEvent) => void | Promise<void>) | undefined,
    replay: HistoryEvent[] | undefined,
  ) {
    let max = 0;
    for (const e of replay ?? []) {
      let list = this.children.get(e.previousEventId);
      if (list === undefined) {
        list = [];
        this.children.set(e.previousEventId, list);
      }
      list.push(e);
      if (e.id > max) max = e.id;
    }
    for (const list of this.children.values()) list.sort((a, b) => a.id - b.id);
    this.replaying = max > 0;
    this.nextId = max + 1;
    this.count = max;
  }

  /** The recorded event that would follow `thread.last` with one of these types, if any. */
  peek(thread: Thread, types: readonly string[], disc?: string | number): HistoryEvent | undefined {
    if (!this.replaying) return undefined;
    const list = this.children.get(thread.last);
    if (list === undefined) return undefined;
    for (const e of list) {
      if (this.consumed.has(e.id) || !types.includes(e.type)) continue;
      if (disc !== undefined) {
        const d = discriminator(e);
        if (d !== undefined && d !== disc) continue;
      }
      return e;
    }
    return undefined;
  }

  /** Whether any recorded event follows the thread's last event (used to skip sleeps). */
  hasRecordedNext(thread: Thread): boolean {
    if (!this.replaying) return false;
    const list = this.children.get(thread.last);
    return list?.some((e) => !this.consumed.has(e.id)) === true;
  }

  /**
   * Appends an event to the thread. Returns the event (the recorded one when replaying);
   * returns a promise only when `onEvent` returned one.
   */
  emit(
    thread: Thread,
    type: string,
    detailsKey?: string,
    details?: unknown,
    opts?: EmitOptions,
  ): HistoryEvent | Promise<HistoryEvent> {
    const prev = opts?.prev ?? thread.last;
    const advance = opts?.advance !== false;
    const recorded = this.replaying ? this.find(prev, type, opts) : undefined;
    if (recorded !== undefined) {
      this.consumed.add(recorded.id);
      if (advance) thread.last = recorded.id;
      return recorded;
    }
    const id = this.nextId++;
    const e: HistoryEvent = {
      timestamp: new Date(this.clock.now()),
      type,
      id,
      previousEventId: prev,
    };
    if (detailsKey !== undefined) e[detailsKey] = details;
    if (advance) thread.last = id;
    this.count = id;
    if (this.onEvent !== undefined) {
      const r = this.onEvent(e);
      if (r !== undefined && typeof (r as Promise<void>).then === "function") {
        return (r as Promise<void>).then(() => e);
      }
    }
    return e;
  }

  private find(
    prev: number,
    type: string,
    opts: EmitOptions | undefined,
  ): HistoryEvent | undefined {
    if (opts?.after === undefined) return this.peek({ last: prev }, [type], opts?.disc);
    // Matched by type and discriminator among the events recorded after `after` (a Map
    // iteration start, whose previous event depends on how iterations interleaved).
    for (const list of this.children.values()) {
      for (const e of list) {
        if (e.id <= opts.after || this.consumed.has(e.id) || e.type !== type) continue;
        if (opts.disc !== undefined && discriminator(e) !== opts.disc) continue;
        return e;
      }
    }
    return undefined;
  }

  /** Marks a recorded event consumed (a task outcome taken from the history). */
  consume(thread: Thread, e: HistoryEvent): void {
    this.consumed.add(e.id);
    thread.last = e.id;
  }
}
