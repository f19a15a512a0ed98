// The crash test: the engine as a real child process (`contabanco local start`, the built CLI),
// executions in flight, SIGKILL, restart — every execution completes and each Lambda side
// effect (a line appended to a file) happened exactly once.
import type { ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LambdaClient } from "@aws-sdk/client-lambda";
import {
  CreateStateMachineCommand,
  GetExecutionHistoryCommand,
  type SFNClient,
  StartExecutionCommand,
} from "@aws-sdk/client-sfn";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { probeEngine } from "../../src/local/process.js";
import { buildIfStale, LAUNCHER } from "../support/build.js";
import { credentials, region } from "../support/engine.js";
import { killGroup, spawnEngine, until } from "../support/engine-process.js";
import { freePort } from "../support/net.js";
import { createNodeFunction } from "./lambda/helpers.js";
import { ROLE, sfnClient, waitForEnd } from "./states/helpers.js";

beforeAll(buildIfStale, 120_000);

const N = 12;

const HANDLER = `
const { appendFileSync } = require("node:fs");
exports.handler = async (event) => {
  appendFileSync(process.env.SIDE_FILE, event.id + ":" + event.step + "\\n");
  return { ok: event.step };
};`;

const DEFINITION = JSON.stringify({
  QueryLanguage: "JSONata",
  StartAt: "A",
  States: {
    A: {
      Type: "Task",
      Resource: "arn:aws:states:::lambda:invoke",
      Arguments: { FunctionName: "efeito", Payload: { id: "{% $states.input.id %}", step: "a" } },
      Output: "{% $states.input %}",
      Next: "Espera",
    },
    Espera: { Type: "Wait", Seconds: 3, Next: "B" },
    B: {
      Type: "Task",
      Resource: "arn:aws:states:::lambda:invoke",
      Arguments: { FunctionName: "efeito", Payload: { id: "{% $states.input.id %}", step: "b" } },
      Output: "{% $states.result.Payload %}",
      End: true,
    },
  },
});

describe("durable executions", () => {
  const home = mkdtempSync(join(tmpdir(), "contabanco-crash-"));
  const side = join(home, "efeitos.txt");
  let child: ChildProcess | undefined;

  afterAll(async () => {
    await killGroup(child);
    rmSync(home, { recursive: true, force: true });
  });

  it("resumes executions after SIGKILL with each side effect exactly once", async () => {
    expect(existsSync(LAUNCHER)).toBe(true);
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    child = await spawnEngine(home, port);
    const lambda = new LambdaClient({ endpoint: url, region, credentials });
    await createNodeFunction(lambda, "efeito", HANDLER, { SIDE_FILE: side });
    lambda.destroy();
    let sfn: SFNClient = sfnClient(url);
    const { stateMachineArn } = await sfn.send(
      new CreateStateMachineCommand({ name: "duravel", definition: DEFINITION, roleArn: ROLE }),
    );
    const arns: string[] = [];
    for (let i = 0; i < N; i++) {
      const r = await sfn.send(
        new StartExecutionCommand({
          stateMachineArn,
          name: `e${i}`,
          input: JSON.stringify({ id: `e${i}` }),
        }),
      );
      arns.push(r.executionArn as string);
    }
    // Every execution has done A and is waiting: its WaitStateEntered is in the history.
    await until(async () => {
      for (const executionArn of arns) {
        const h = await sfn.send(new GetExecutionHistoryCommand({ executionArn }));
        if (!h.events?.some((e) => e.type === "WaitStateEntered")) return undefined;
      }
      return true;
    });
    sfn.destroy();
    await killGroup(child);
    expect(await probeEngine(url, 300)).toBe(false);

    child = await spawnEngine(home, port);
    sfn = sfnClient(url);
    for (const executionArn of arns) {
      const d = await waitForEnd(sfn, executionArn, 60_000);
      expect([d.status, d.output]).toEqual(["SUCCEEDED", '{"ok":"b"}']);
    }
    const h = await sfn.send(new GetExecutionHistoryCommand({ executionArn: arns[0] }));
    expect(h.events?.filter((e) => e.type === "TaskScheduled").length).toBe(2);
    expect(h.events?.at(-1)?.type).toBe("ExecutionSucceeded");
    sfn.destroy();

    const lines = readFileSync(side, "utf8").trim().split("\n").sort();
    const expected = arns.flatMap((_, i) => [`e${i}:a`, `e${i}:b`]).sort();
    expect(lines).toEqual(expected);
  });
});
