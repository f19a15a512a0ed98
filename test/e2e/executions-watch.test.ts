// executions on a running execution: the graph shows the state in progress (⟳), and --watch off
// a terminal prints the events as they arrive until the execution ends. The stage is deployed
// with a definition that waits, so there is something to watch.
import { DescribeExecutionCommand, StartExecutionCommand } from "@aws-sdk/client-sfn";
import { describe, expect, it } from "vitest";
import { useStage } from "./stage-helpers.js";

const WAITING = JSON.stringify({
  QueryLanguage: "JSONata",
  StartAt: "Preparar",
  States: {
    Preparar: { Type: "Pass", Next: "Espera" },
    Espera: { Type: "Wait", Seconds: 2, Next: "Fim" },
    Fim: { Type: "Pass", Output: { pronto: true }, End: true },
  },
});

const engine = useStage({ definition: WAITING });

async function start(name: string): Promise<string> {
  const out = await engine.sfn.send(
    new StartExecutionCommand({ stateMachineArn: engine.stateMachineArn, name, input: "{}" }),
  );
  return out.executionArn ?? "";
}

async function status(arn: string): Promise<string | undefined> {
  return (await engine.sfn.send(new DescribeExecutionCommand({ executionArn: arn }))).status;
}

describe("executions on a running execution", () => {
  it("shows the waiting state as running (⟳) and the rest not reached", async () => {
    const arn = await start("341-2545-02366-1-espera1");
    const r = await engine.cli(["executions", "341-2545-02366-1-espera1"]);
    expect(await status(arn)).toBe("RUNNING");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("RUNNING (em execução)");
    expect(r.stdout).toMatch(/│ Preparar\s+│\n[^\n]*│ ✓ /);
    expect(r.stdout).toMatch(/│ Espera\s+│\n[^\n]*│ ⟳ /);
    expect(r.stdout).toMatch(/│ Fim\s+│\n[^\n]*│ · não executado/);
  });

  it("--watch prints events as they arrive, then the final graph, exit 0", async () => {
    const arn = await start("341-2545-02366-1-espera2");
    expect(await status(arn)).toBe("RUNNING");
    const r = await engine.cli([
      "executions",
      "341-2545-02366-1-espera2",
      "--watch",
      "--intervalo",
      "100",
    ]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\n");
    const types = lines.map((l) => /^\d+\t(\w+)\t/.exec(l)?.[1]).filter(Boolean);
    expect(types[0]).toBe("ExecutionStarted");
    expect(types).toContain("WaitStateEntered");
    expect(types.at(-1)).toBe("ExecutionSucceeded");
    const ids = lines.map((l) => Number(/^(\d+)\t/.exec(l)?.[1])).filter((n) => n > 0);
    expect(ids).toEqual(ids.map((_, i) => i + 1));
    expect(r.stdout).toContain("SUCCEEDED (sucesso)");
    expect(r.stdout).toMatch(/│ Espera\s+│\n[^\n]*│ ✓ \d,\d s/);
    expect(r.stdout).toContain('"pronto": true');
  });

  it("--watch --json waits for the end and prints one JSON document", async () => {
    await start("341-2545-02366-1-espera3");
    const r = await engine.cli([
      "--json",
      "executions",
      "341-2545-02366-1-espera3",
      "--watch",
      "--intervalo",
      "100",
    ]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ status: "SUCCEEDED", saida: { pronto: true } });
    expect(doc.estados.map((s: { status: string }) => s.status)).toEqual([
      "succeeded",
      "succeeded",
      "succeeded",
    ]);
  });
});
