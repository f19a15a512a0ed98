// GetExecutionHistory: events in order (or reversed), paginated; includeExecutionData false
// drops input/output from the event details.
import type { HistoryEvent } from "../../../asl/index.js";
import { parseStandardExecutionArn } from "./arns.js";
import type { StatesAction } from "./model.js";
import { epoch, page } from "./wire.js";

const DATA_FIELDS = ["input", "output", "inputDetails", "outputDetails"];

function wireEvent(e: HistoryEvent, includeData: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = { ...e, timestamp: epoch(e.timestamp.getTime()) };
  if (!includeData) {
    for (const [k, v] of Object.entries(out)) {
      if (!k.endsWith("EventDetails") || v === null || typeof v !== "object") continue;
      const d = { ...(v as Record<string, unknown>) };
      for (const f of DATA_FIELDS) delete d[f];
      out[k] = d;
    }
  }
  return out;
}

export const getExecutionHistory: StatesAction = async (model, input) => {
  parseStandardExecutionArn(input.executionArn);
  const rec = model.executions.require(String(input.executionArn));
  let events = model.executions.history(rec);
  if (input.reverseOrder === true) events = [...events].reverse();
  const { items, nextToken } = page(events, input);
  const includeData = input.includeExecutionData !== false;
  const out: Record<string, unknown> = { events: items.map((e) => wireEvent(e, includeData)) };
  if (nextToken) out.nextToken = nextToken;
  return out;
};
