// The crash test on the real contabanco workflow: the engine as a child process (`contabanco local
// start`, the built CLI), the stage deployed by src/app/deploy, many registrations in flight —
// CreateSession, the contaBanco Lambda, the conditional UpdateItem and GetVaultAccessPolicy — and
// SIGKILL as soon as some executions have SUCCEEDED while others still run; then a restart on the
// same CONTABANCO_HOME.
//
// What is guaranteed, and checked here:
// - every execution reaches a terminal state, and every valid account here is SUCCEEDED;
// - a task whose result was recorded is not run again: the resumed run takes the recorded result
//   (one TaskScheduled per Task state in each history);
// - a task cut off before its result was recorded runs again (at least once, as a task retried by
//   Retry or an Express workflow on AWS: API "Execution guarantees", Standard workflows are
//   exactly-once per state transition, Express ones at-least-once). The UpdateItem that had
//   already written the record before the kill then finds it: its ConditionExpression accepts a
//   record written by the same execution (`attribute_not_exists(id) OR execucao = :execucao`), so
//   the re-run rewrites the same values (`criadoEm` is the execution's start time) instead of
//   ending in a false ContaJaCadastrada. A record written by another execution still fails it;
// - each account's record exists once, with `execucao` the execution that registered it;
// - a Wait cut off by the kill waits for the time left after the restart, never less: its exit
//   comes at least `Seconds` after its entry, from the recorded timestamps.
import type { ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DynamoDBClient, ScanCommand } from "@aws-sdk/client-dynamodb";
import {
  CreateStateMachineCommand,
  ExecutionAlreadyExists,
  GetExecutionHistoryCommand,
  type HistoryEvent,
  ListExecutionsCommand,
  type SFNClient,
  StartExecutionCommand,
} from "@aws-sdk/client-sfn";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { probeEngine } from "../../src/local/process.js";
import { account } from "../support/accounts.js";
import { buildIfStale, LAUNCHER } from "../support/build.js";
import { credentials, region } from "../support/engine.js";
import { killGroup, spawnEngine, until } from "../support/engine-process.js";
import { freePort } from "../support/net.js";
import { deployStage } from "../support/stage.js";
import { ROLE, sfnClient, waitForEnd } from "./states/helpers.js";

beforeAll(buildIfStale, 120_000);

/** Registrations in flight at the kill. */
const N = 80;
/** How many StartExecution calls are on the wire at once. */
const CONCURRENCY = 16;
/** The Wait cut off by the kill. */
const WAIT_SECONDS = 6;

const WAIT_DEFINITION = JSON.stringify({
  QueryLanguage: "JSONata",
  StartAt: "Antes",
  States: {
    Antes: { Type: "Pass", Next: "Espera" },
    Espera: { Type: "Wait", Seconds: WAIT_SECONDS, Next: "Depois" },
    Depois: { Type: "Pass", Output: { fim: true }, End: true },
  },
});

async function historyOf(sfn: SFNClient, executionArn: string): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(new GetExecutionHistoryCommand({ executionArn, nextToken }));
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return events;
}

async function countByStatus(sfn: SFNClient, stateMachineArn: string, statusFilter: string) {
  const r = await sfn.send(
    new ListExecutionsCommand({
      stateMachineArn,
      statusFilter: statusFilter as "RUNNING",
      maxResults: 1000,
    }),
  );
  return r.executions?.length ?? 0;
}

describe("durable executions of the contabanco workflow", () => {
  const home = mkdtempSync(join(tmpdir(), "contabanco-crash-workflow-"));
  let child: ChildProcess | undefined;

  afterAll(async () => {
    await killGroup(child);
    rmSync(home, { recursive: true, force: true });
  });

  it("resumes registrations cut off by SIGKILL: each record once, by its own execution", async () => {
    expect(existsSync(LAUNCHER)).toBe(true);
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    child = await spawnEngine(home, port);
    const stage = await deployStage({ endpoint: url });
    const { stateMachineArn } = stage;
    let sfn = sfnClient(url);
    // One registration first, so that the Lambda is warm and the kill comes soon after the Wait
    // below is entered (well within its seconds).
    const warmUp = await sfn.send(
      new StartExecutionCommand({
        stateMachineArn,
        name: "aquecimento",
        input: JSON.stringify(account(N + 1)),
      }),
    );
    const warm = await waitForEnd(sfn, warmUp.executionArn as string, 60_000);
    expect(warm.status).toBe("SUCCEEDED");
    const waitMachine = await sfn.send(
      new CreateStateMachineCommand({ name: "espera", definition: WAIT_DEFINITION, roleArn: ROLE }),
    );
    const waitArn = (
      await sfn.send(
        new StartExecutionCommand({
          stateMachineArn: waitMachine.stateMachineArn,
          name: "espera",
          input: "{}",
        }),
      )
    ).executionArn as string;
    await until(
      async () =>
        (await historyOf(sfn, waitArn)).some((e) => e.type === "WaitStateEntered")
          ? true
          : undefined,
      60_000,
    );

    // The registrations, started CONCURRENCY at a time; the kill comes while they are started.
    const names = Array.from({ length: N }, (_, i) => `c${i}`);
    const inputs = names.map((_, i) => JSON.stringify(account(i + 1)));
    let next = 0;
    let killed = false;
    const starters = Array.from({ length: CONCURRENCY }, async () => {
      while (!killed && next < N) {
        const i = next++;
        try {
          await sfn.send(
            new StartExecutionCommand({ stateMachineArn, name: names[i], input: inputs[i] }),
          );
        } catch {
          // Refused by the kill: started again after the restart.
        }
      }
    });
    // SIGKILL as soon as some registrations have SUCCEEDED while others still run.
    const running = await until(async () => {
      const succeeded = await countByStatus(sfn, stateMachineArn, "SUCCEEDED");
      const running = await countByStatus(sfn, stateMachineArn, "RUNNING");
      return succeeded >= 3 && running >= 3 ? running : undefined;
    }, 60_000);
    killed = true;
    const killedAt = Date.now();
    await killGroup(child);
    await Promise.all(starters);
    sfn.destroy();
    expect(await probeEngine(url, 300)).toBe(false);
    console.log(`SIGKILL with ${running} registrations RUNNING (of ${next} started)`);

    child = await spawnEngine(home, port);
    sfn = sfnClient(url);
    // The registrations the kill refused (or whose answer it cut off) are started now: the same
    // name and input is the same execution while it runs, ExecutionAlreadyExists once it ended.
    const arns: string[] = [];
    for (let i = 0; i < N; i++) {
      try {
        const r = await sfn.send(
          new StartExecutionCommand({ stateMachineArn, name: names[i], input: inputs[i] }),
        );
        arns.push(r.executionArn as string);
      } catch (err) {
        expect(err).toBeInstanceOf(ExecutionAlreadyExists);
        arns.push(`${stateMachineArn.replace(":stateMachine:", ":execution:")}:${names[i]}`);
      }
    }

    // Every registration ends, and every one of them SUCCEEDED: no false ContaJaCadastrada.
    let resumed = 0;
    let rerun = 0;
    const outputs = new Map<string, string>([
      [JSON.parse(warm.output ?? "{}").id, warmUp.executionArn as string],
    ]);
    for (const executionArn of arns) {
      const d = await waitForEnd(sfn, executionArn, 60_000);
      expect([executionArn, d.status, d.error, d.cause]).toEqual([
        executionArn,
        "SUCCEEDED",
        undefined,
        undefined,
      ]);
      const id = JSON.parse(d.output ?? "{}").id as string;
      outputs.set(id, executionArn);
      const events = await historyOf(sfn, executionArn);
      // A task whose result was recorded is not scheduled again on resume: one TaskScheduled per
      // Task state (CreateSession, Lambda Invoke, DynamoDB UpdateItem, GetVaultAccessPolicy).
      expect(events.filter((e) => e.type === "TaskScheduled")).toHaveLength(4);
      expect(events.filter((e) => e.type === "ExecutionStarted")).toHaveLength(1);
      const first = events[0]?.timestamp?.getTime() ?? 0;
      const last = events.at(-1)?.timestamp?.getTime() ?? 0;
      if (first < killedAt && last > killedAt) resumed += 1;
      // Tasks started before the kill whose result came after it: they ran again on resume.
      const started = new Map(
        events.filter((e) => e.type === "TaskStarted").map((e) => [e.id, e.timestamp?.getTime()]),
      );
      for (const e of events) {
        if (e.type !== "TaskSucceeded" && e.type !== "TaskFailed") continue;
        const at = started.get(e.previousEventId);
        if (at !== undefined && at < killedAt && (e.timestamp?.getTime() ?? 0) > killedAt) {
          rerun += 1;
        }
      }
    }
    console.log(`${resumed} registrations resumed, ${rerun} tasks cut off by the kill ran again`);
    expect(resumed).toBeGreaterThan(0);
    expect(outputs.size).toBe(N + 1);

    // Each account's record exists once, written by the execution that registered it.
    const dynamodb = new DynamoDBClient({ endpoint: url, region, credentials });
    const items: Record<string, { S?: string }>[] = [];
    let start: Record<string, never> | undefined;
    do {
      const page = await dynamodb.send(
        new ScanCommand({ TableName: stage.names.table, ExclusiveStartKey: start }),
      );
      items.push(...((page.Items ?? []) as typeof items));
      start = page.LastEvaluatedKey as typeof start;
    } while (start);
    dynamodb.destroy();
    const byId = new Map(items.map((item) => [item.id?.S, item.execucao?.S]));
    expect(items).toHaveLength(N + 1);
    expect(byId).toEqual(outputs);

    // The Wait cut off by the kill waited its time in full, counted from its recorded entry.
    const d = await waitForEnd(sfn, waitArn, 60_000);
    expect(d.status).toBe("SUCCEEDED");
    const events = await historyOf(sfn, waitArn);
    const entered = events.find((e) => e.type === "WaitStateEntered")?.timestamp?.getTime() ?? 0;
    const exited = events.find((e) => e.type === "WaitStateExited")?.timestamp?.getTime() ?? 0;
    console.log(`SIGKILL ${killedAt - entered} ms into the ${WAIT_SECONDS} s Wait`);
    expect(entered).toBeLessThan(killedAt);
    expect(exited).toBeGreaterThan(killedAt);
    expect(exited - entered).toBeGreaterThanOrEqual(WAIT_SECONDS * 1000);
    sfn.destroy();
  }, 120_000);
});
