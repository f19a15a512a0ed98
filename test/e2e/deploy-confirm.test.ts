// destroy on a terminal asks first (pt-BR, "no" by default). Run under `script`, which gives the
// CLI a pseudo-terminal; skipped where util-linux `script` is not available.
import { ListStateMachinesCommand, SFNClient } from "@aws-sdk/client-sfn";
import { beforeAll, describe, expect, it } from "vitest";
import { useEngine } from "./deploy-helpers.js";
import { onTerminal as runOnTerminal, SCRIPT } from "./pty.js";

const STAGE = "confirma";

const engine = useEngine("contabanco-deploy-");
let sfn: SFNClient;

/** Runs the CLI on a pseudo-terminal (reporting no width unless `columns`), typing `typed`. */
async function onTerminal(
  args: string[],
  typed: string,
  columns?: number,
): Promise<{ code: number; output: string }> {
  const run = runOnTerminal(args, engine.env, { columns: columns ?? null });
  try {
    run.type(typed);
    return { code: await run.exited, output: run.text() };
  } finally {
    run.kill();
  }
}

async function deployed(): Promise<boolean> {
  const out = await sfn.send(new ListStateMachinesCommand({}));
  return (out.stateMachines ?? []).some((m) => m.name === `contabanco-${STAGE}`);
}

beforeAll(() => {
  sfn = engine.client(SFNClient);
});

describe.skipIf(!SCRIPT || process.platform !== "linux")("deploy and destroy on a terminal", () => {
  it("deploy shows one spinner line per resource", async () => {
    const result = await onTerminal(["--stage", STAGE, "deploy"], "", 100);
    expect(result.code, result.output).toBe(0);
    for (const line of [
      `✔ bucket S3 Express contabanco-${STAGE}--use1-az4--x-s3: criado`,
      `✔ tabela DynamoDB contabanco-${STAGE}-contas: criada`,
      `✔ função Lambda contabanco-${STAGE}-contaBanco: criada`,
      `✔ máquina de estados contabanco-${STAGE}: criada`,
    ]) {
      expect(result.output).toContain(line);
    }
    expect(await deployed()).toBe(true);
  });

  it("deploy finishes on a terminal that reports no width (no spinner there)", async () => {
    const result = await onTerminal(["--stage", STAGE, "deploy"], "");
    expect(result.code, result.output).toBe(0);
    expect(result.output).not.toContain("✔");
    expect(result.output).toContain("Nada mudou");
  });

  it("asks, and Enter (the default) keeps everything", async () => {
    const result = await onTerminal(["--stage", STAGE, "destroy"], "\r");
    expect(result.output).toContain(
      `Remover todos os recursos do estágio ${STAGE} no motor local?`,
    );
    expect(result.output).toContain("(s/N)");
    expect(result.output).toContain("Nada foi removido.");
    expect(result.code).toBe(1);
    expect(await deployed()).toBe(true);
  });

  it("'s' removes the stage", async () => {
    const result = await onTerminal(["--stage", STAGE, "destroy"], "s\r");
    expect(result.code, result.output).toBe(0);
    expect(result.output).toContain("removido");
    expect(await deployed()).toBe(false);
  });
});
