// An execution drawn like the console's graph view: the workflow diagram, each state's box
// carrying its status mark (✓ succeeded, ✗ failed, ⚑ failed and caught, ⟳ running, ⊘ aborted,
// · not reached), its time and its task attempts.
import type { RunStatus, StateRun } from "../../app/state-runs.js";
import type { Colors } from "./colors.js";
import { renderAscii } from "./diagram/ascii.js";
import { allStates, buildDiagram, type Diagram } from "./diagram/model.js";

export const MARKS: Record<RunStatus, string> = {
  succeeded: "✓",
  failed: "✗",
  caught: "⚑",
  running: "⟳",
  aborted: "⊘",
  pending: "·",
};

/** "850 ms", "1,2 s", "2 min 05 s". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1).replace(".", ",")} s`;
  const total = Math.round(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h > 0 ? `${h} h ${String(m).padStart(2, "0")} min` : `${m} min ${s} s`;
}

/** The status line of a state's box: "✓ 120 ms · 3 tentativas". */
export function runLine(run: StateRun | undefined, now: Date): string {
  if (!run) return `${MARKS.pending} não executado`;
  const parts = [MARKS[run.status]];
  if (run.enteredAt) {
    const end = run.exitedAt ?? (run.status === "running" ? now : run.enteredAt);
    parts.push(formatDuration(end.getTime() - run.enteredAt.getTime()));
  }
  const extra: string[] = [];
  if (run.attempts > 1) extra.push(`${run.attempts} tentativas`);
  if (run.entries > 1) extra.push(`${run.entries} entradas`);
  if (run.status === "caught" && run.error) extra.push(`capturado: ${run.error}`);
  else if (run.status === "failed" && run.error) extra.push(run.error);
  return [parts.join(" "), ...extra].join(" · ");
}

/** The diagram of `definition` with every state's detail replaced by its run line. */
export function executionDiagram(
  definition: unknown,
  runs: ReadonlyMap<string, StateRun>,
  now: Date,
): Diagram {
  const diagram = buildDiagram(definition);
  for (const { state } of allStates(diagram.root)) {
    const run = runs.get(state.name);
    // A frame's title already joins its name and detail with " · ": a Parallel or Map that never
    // ran says "não executado" without the "·" mark ("Paralelo · não executado", not "· ·").
    const line = !run && state.branches.length > 0 ? "não executado" : runLine(run, now);
    state.detail = state.detail ? `${line} · ${state.detail}` : line;
    // The retry policy is part of the definition, not of this run: the attempts say it here.
    state.retries = 0;
  }
  return diagram;
}

const TONE: Record<string, (c: Colors, t: string) => string> = {
  [MARKS.succeeded]: (c, t) => c.green(t),
  [MARKS.failed]: (c, t) => c.red(t),
  [MARKS.caught]: (c, t) => c.yellow(t),
  [MARKS.running]: (c, t) => c.cyan(t),
  [MARKS.aborted]: (c, t) => c.magenta(t),
};

/** The execution graph as terminal text; marks coloured when `colors` is given. */
export function renderExecutionGraph(
  definition: unknown,
  runs: ReadonlyMap<string, StateRun>,
  now: Date,
  colors?: Colors,
): string {
  const text = renderAscii(executionDiagram(definition, runs, now), colors);
  if (!colors || colors.level === 0) return text;
  return text.replace(/[✓✗⚑⟳⊘]/g, (mark) => TONE[mark](colors, mark));
}
