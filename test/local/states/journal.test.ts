// The journal's recovery scan, through JournalStore's API: what a restarted engine learns from
// the segments on disk (which executions closed and how, where every event is), including
// lines longer than the scan's read size and a torn last line.
import { appendFileSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { HistoryEvent } from "../../../src/asl/index.js";
import { type ExecutionMeta, JournalStore } from "../../../src/local/services/states/journal.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function statesDir(): string {
  const d = mkdtempSync(join(tmpdir(), "contabanco-journal-"));
  dirs.push(d);
  return d;
}

function meta(name: string): ExecutionMeta {
  return {
    executionArn: `arn:aws:states:us-east-1:000000000000:execution:m:${name}`,
    stateMachineArn: "arn:aws:states:us-east-1:000000000000:stateMachine:m",
    machineName: "m",
    name,
    input: "{}",
    roleArn: "arn:aws:iam::000000000000:role/r",
    definition: '{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}',
    startDate: Date.UTC(2026, 10, 24),
  };
}

function event(id: number, type: string, details?: Record<string, unknown>): HistoryEvent {
  const e: HistoryEvent = {
    timestamp: new Date(Date.UTC(2026, 10, 24, 0, 0, id)),
    type,
    id,
    previousEventId: id - 1,
  };
  if (details) Object.assign(e, details);
  return e;
}

async function record(store: JournalStore, m: ExecutionMeta, events: HistoryEvent[]) {
  await store.begin(m);
  const positions: number[] = [];
  for (const e of events) store.append(m.executionArn, e, positions);
  store.flush();
  return positions;
}

describe("JournalStore.recover", () => {
  it("finds closed and running executions, their terminal events and every event's place", async () => {
    const dir = statesDir();
    const writer = new JournalStore(dir);
    const closed = meta("fechada");
    const running = meta("em-andamento");
    const big = "x".repeat(9 * 1024 * 1024); // longer than one read of the scan
    await record(writer, closed, [
      event(1, "ExecutionStarted", { executionStartedEventDetails: { input: "{}" } }),
      event(2, "PassStateEntered", { stateEnteredEventDetails: { name: "P", input: big } }),
      event(3, "ExecutionSucceeded", { executionSucceededEventDetails: { output: '"ok"' } }),
    ]);
    await record(writer, running, [
      event(1, "ExecutionStarted", { executionStartedEventDetails: { input: "{}" } }),
      // A state named like a terminal event is not one.
      event(2, "PassStateEntered", { stateEnteredEventDetails: { name: "ExecutionSucceeded" } }),
    ]);
    writer.close();

    const reader = new JournalStore(dir);
    const found = new Map(reader.recover().map((j) => [j.meta.name, j]));
    expect([...found.keys()].sort()).toEqual(["em-andamento", "fechada"]);
    const f = found.get("fechada");
    expect(f?.terminal?.type).toBe("ExecutionSucceeded");
    expect(f?.terminal?.timestamp).toEqual(new Date(Date.UTC(2026, 10, 24, 0, 0, 3)));
    expect(f?.meta.definition).toBe(closed.definition);
    const history = reader.read(f?.positions ?? []);
    expect(history.map((e) => e.type)).toEqual([
      "ExecutionStarted",
      "PassStateEntered",
      "ExecutionSucceeded",
    ]);
    expect((history[1].stateEnteredEventDetails as { input: string }).input).toHaveLength(
      big.length,
    );
    const r = found.get("em-andamento");
    expect(r?.terminal).toBeUndefined();
    expect(reader.read(r?.positions ?? []).map((e) => e.id)).toEqual([1, 2]);
    reader.close();
  });

  it("ignores a torn last line and lines it did not write", async () => {
    const dir = statesDir();
    const writer = new JournalStore(dir);
    const m = meta("interrompida");
    await record(writer, m, [event(1, "ExecutionStarted")]);
    writer.close();
    const [segment] = readdirSync(join(dir, "journal"));
    const file = join(dir, "journal", segment);
    appendFileSync(file, "lixo\n");
    appendFileSync(
      file,
      `{"x":"arn:aws:states:us-east-1:000000000000:execution:m:outra","e":{}}\n`,
    );
    // Killed in the middle of writing its terminal event: no newline.
    appendFileSync(file, `{"x":${JSON.stringify(m.executionArn)},"e":{"timestamp":"2026-11-24T00:`);

    const reader = new JournalStore(dir);
    const [j, ...rest] = reader.recover();
    expect(rest).toEqual([]);
    expect(j.meta.name).toBe("interrompida");
    expect(j.terminal).toBeUndefined();
    expect(reader.read(j.positions).map((e) => e.type)).toEqual(["ExecutionStarted"]);
    reader.close();
  });
});
