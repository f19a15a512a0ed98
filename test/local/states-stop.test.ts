// A clean stop of the engine (`contabanco local stop`, SIGTERM) with a task running: the task
// finishes and its result is recorded before the engine goes, the next task waits for the
// restart, and after it the execution ends with each side effect done once. (A task cut off by
// the stop would run again on resume: a second Lambda call, a second conditional UpdateItem.)
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { LambdaClient } from "@aws-sdk/client-lambda";
import {
  CreateStateMachineCommand,
  GetExecutionHistoryCommand,
  SFNClient,
  StartExecutionCommand,
} from "@aws-sdk/client-sfn";
import { describe, expect, it } from "vitest";
import { useEngine } from "../support/engine.js";
import { createNodeFunction, eventually } from "./lambda/helpers.js";
import { LOCAL_SFN, ROLE, waitForEnd } from "./states/helpers.js";

// Writes its step when it starts, then takes a while: the stop comes in the middle.
const HANDLER = `
const { appendFileSync } = require("node:fs");
exports.handler = async (event) => {
  appendFileSync(process.env.SIDE_FILE, event.step + "\\n");
  await new Promise((r) => setTimeout(r, 600));
  return { ok: event.step };
};`;

const step = (name: string, next?: string) => ({
  Type: "Task",
  Resource: "arn:aws:states:::lambda:invoke",
  Arguments: { FunctionName: "lento", Payload: { step: name } },
  Output: "{% $states.result.Payload %}",
  ...(next ? { Next: next } : { End: true }),
});

describe("stopping the engine with a task running", () => {
  const engine = useEngine({ prefix: "contabanco-stop-" });

  it("lets the running task finish, holds the next one, and each runs once", async () => {
    const side = join(engine.home, "efeitos.txt");
    const lambda = engine.client(LambdaClient);
    await createNodeFunction(lambda, "lento", HANDLER, { SIDE_FILE: side });
    let sfn = engine.client(SFNClient, LOCAL_SFN);
    const { stateMachineArn } = await sfn.send(
      new CreateStateMachineCommand({
        name: "parada",
        roleArn: ROLE,
        definition: JSON.stringify({
          QueryLanguage: "JSONata",
          StartAt: "A",
          States: { A: step("a", "B"), B: step("b") },
        }),
      }),
    );
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn, name: "no-meio", input: "{}" }),
    );
    // A is running (it wrote its line and sleeps): stop now.
    await eventually(() => (existsSync(side) ? true : undefined));
    await engine.restart(() => {
      // Stopped: A finished before the engine went, B never started.
      expect(readFileSync(side, "utf8")).toBe("a\n");
    });

    sfn = engine.client(SFNClient, LOCAL_SFN);
    const done = await waitForEnd(sfn, executionArn as string);
    expect([done.status, done.output]).toEqual(["SUCCEEDED", '{"ok":"b"}']);
    expect(readFileSync(side, "utf8")).toBe("a\nb\n");
    const history = await sfn.send(new GetExecutionHistoryCommand({ executionArn }));
    const types = history.events?.map((e) => e.type) ?? [];
    expect(types.filter((t) => t === "TaskSucceeded")).toHaveLength(2);
    expect(types.filter((t) => t === "TaskStarted")).toHaveLength(2);
    expect(types.at(-1)).toBe("ExecutionSucceeded");
  }, 60_000);
});
