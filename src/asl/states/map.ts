/** Inline Map: ItemsPath/Items, ItemSelector, MaxConcurrency, tolerated failures. */
import { StatesError, StatesErrors } from "../errors.js";
import { runScope } from "../executor.js";
import { finishJsonata, finishJsonPathResult, jsonataScope, pathCtx } from "../flow.js";
import type { Thread } from "../history.js";
import { evalTemplate, QueryEvaluationError } from "../jsonata.js";
import { inputPath, payload } from "../paths.js";
import {
  AbortedError,
  childController,
  type Entry,
  type Exec,
  type Frame,
  PendingFailure,
  runtimeError,
  type StateResult,
  toStatesError,
} from "../runtime.js";
import { emitOn } from "./parallel.js";
import { readRef } from "./simple.js";

interface MapSettings {
  items: unknown[];
  maxConcurrency: number;
  toleratedCount?: number;
  toleratedPercentage?: number;
  itemInput(index: number, value: unknown): Promise<unknown>;
}

async function settings(entry: Entry, frame: Frame): Promise<MapSettings> {
  const st = entry.state;
  const raw = st.raw;
  if (raw.ItemReader !== undefined || raw.ResultWriter !== undefined) {
    // Distributed Map reads/writes S3 through MapRuns: not available in the local engine.
    throw runtimeError(
      entry,
      "ItemReader/ResultWriter (Map distribuído) não é suportado pelo motor local; use Items ou ItemsPath.",
    );
  }
  if (st.ql === "JSONata") {
    const scope = jsonataScope(entry, frame);
    const items = st.t.Items !== undefined ? await evalTemplate(st.t.Items, scope) : entry.input;
    if (!Array.isArray(items)) {
      throw new QueryEvaluationError(
        "Items",
        `The JSONata expression specified for the field 'Items' must evaluate to a JSON array: ${JSON.stringify(items)}`,
      );
    }
    const num = async (f: string) =>
      st.t[f] !== undefined ? ((await evalTemplate(st.t[f], scope)) as number) : undefined;
    return {
      items,
      maxConcurrency: (await num("MaxConcurrency")) ?? 0,
      toleratedCount: await num("ToleratedFailureCount"),
      toleratedPercentage: await num("ToleratedFailurePercentage"),
      itemInput: async (index, value) => {
        if (st.t.ItemSelector === undefined) return value;
        const ctx = { ...entry.context(), Map: { Item: { Index: index, Value: value } } };
        return evalTemplate(st.t.ItemSelector, {
          states: { input: entry.input, context: ctx },
          vars: frame.vars,
        });
      },
    };
  }
  const ctx = pathCtx(entry, frame);
  const eff = inputPath(st, entry.input, ctx);
  const items = raw.ItemsPath !== undefined ? readRef(raw.ItemsPath, eff, ctx) : eff;
  if (!Array.isArray(items)) {
    throw runtimeError(
      entry,
      `Map state input must be an array but was: ${JSON.stringify(items)} (ItemsPath '${raw.ItemsPath ?? "$"}')`,
    );
  }
  const pathNum = (f: string): number | undefined =>
    raw[`${f}Path`] !== undefined ? (readRef(raw[`${f}Path`], eff, ctx) as number) : raw[f];
  const selector = raw.ItemSelector ?? raw.Parameters;
  return {
    items,
    maxConcurrency: pathNum("MaxConcurrency") ?? 0,
    toleratedCount: pathNum("ToleratedFailureCount"),
    toleratedPercentage: pathNum("ToleratedFailurePercentage"),
    itemInput: async (index, value) => {
      if (selector === undefined) return value;
      const context = { ...entry.context(), Map: { Item: { Index: index, Value: value } } };
      return payload(selector, eff, { context, variables: frame.vars });
    },
  };
}

export async function map(exec: Exec, entry: Entry, frame: Frame): Promise<StateResult> {
  const st = entry.state;
  const cfg = await settings(entry, frame);
  const n = cfg.items.length;
  const started = await emitOn(
    exec,
    frame.thread,
    "MapStateStarted",
    "mapStateStartedEventDetails",
    {
      length: n,
    },
  );
  const results: unknown[] = new Array(n);
  const { ctrl, release } = childController(frame.signal);
  const tolerant = cfg.toleratedCount !== undefined || cfg.toleratedPercentage !== undefined;
  let failures = 0;
  let failure: unknown;
  let failurePrev = started.id;
  let nextIndex = 0;
  // AWS numbering: an iteration starts from the last state event of the iteration that
  // finished before it; MapIteration{Succeeded,Failed,Aborted} do not continue the chain.
  let pointer = started.id;
  let lastIterationEnd = started.id;
  const exceeded = (): boolean => {
    if (!tolerant) return failures > 0;
    if (cfg.toleratedCount !== undefined && failures > cfg.toleratedCount) return true;
    const pct = cfg.toleratedPercentage;
    return pct !== undefined && (failures * 100) / n > pct;
  };
  const end = async (thread: Thread, type: string, key: string, details: object) => {
    const e = await emitOn(exec, thread, type, key, details, {
      advance: false,
      disc: (details as { index: number }).index,
    });
    pointer = thread.last;
    return e;
  };
  const worker = async () => {
    while (nextIndex < n && !ctrl.signal.aborted) {
      const index = nextIndex++;
      const thread: Thread = { last: pointer };
      const details = { name: st.name, index };
      await emitOn(
        exec,
        thread,
        "MapIterationStarted",
        "mapIterationStartedEventDetails",
        details,
        {
          disc: index,
          after: started.id,
        },
      );
      try {
        const input = await cfg.itemInput(index, cfg.items[index]);
        results[index] = await runScope(exec, st.processor!, input, {
          thread,
          vars: { ...frame.vars },
          signal: ctrl.signal,
          abortedPrev: () => failurePrev,
        });
        const done = await end(
          thread,
          "MapIterationSucceeded",
          "mapIterationSucceededEventDetails",
          details,
        );
        lastIterationEnd = done.id;
      } catch (err) {
        if (err instanceof AbortedError || ctrl.signal.aborted) {
          // AWS: aborted iterations point at the last event of the iteration that failed.
          await emitOn(
            exec,
            thread,
            "MapIterationAborted",
            "mapIterationAbortedEventDetails",
            details,
            {
              prev: failurePrev,
              advance: false,
            },
          );
          continue;
        }
        await end(thread, "MapIterationFailed", "mapIterationFailedEventDetails", details);
        const se = toStatesError(err);
        results[index] = { Error: se.error, Cause: se.causeText };
        failures++;
        if (failure === undefined && exceeded()) {
          failurePrev = thread.last;
          failure = tolerant
            ? new StatesError(
                StatesErrors.ExceedToleratedFailureThreshold,
                "The specified tolerated failure threshold was exceeded",
              )
            : se;
          ctrl.abort();
        }
      }
    }
  };
  // Inline Map runs at most 40 iterations at a time (dev guide, "Map state in Inline mode").
  const width = Math.min(cfg.maxConcurrency > 0 ? cfg.maxConcurrency : 40, 40, n);
  await Promise.all(Array.from({ length: width }, worker));
  release();
  if (frame.signal.aborted) throw new AbortedError();
  if (failure !== undefined) throw new PendingFailure(failure, "MapStateFailed", failurePrev);
  // MapStateSucceeded and MapStateExited both point at the last MapIterationSucceeded.
  frame.thread.last = lastIterationEnd;
  await emitOn(exec, frame.thread, "MapStateSucceeded", undefined, undefined, { advance: false });
  return st.ql === "JSONata"
    ? finishJsonata(entry, frame, results, true)
    : finishJsonPathResult(entry, frame, results);
}
