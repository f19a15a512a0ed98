// destroy on a terminal asks first (pt-BR, "no" by default). Run under `script`, which gives the
// CLI a pseudo-terminal; skipped where util-linux `script` is not available.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { ListStateMachinesCommand, SFNClient } from "@aws-sdk/client-sfn";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalEngine, root, sdkConfig, startEngine } from "./deploy-helpers.js";

const SCRIPT = ["/usr/bin/script", "/bin/script"].find((path) => existsSync(path));
const STAGE = "confirma";

let engine: LocalEngine;
let sfn: SFNClient;

/** Runs the CLI on a pseudo-terminal, typing `typed` into it. */
function onTerminal(args: string[], typed: string): Promise<{ code: number; output: string }> {
  const command = [process.execPath, join(root, "bin", "contabanco.js"), ...args]
    .map((part) => `'${part}'`)
    .join(" ");
  return new Promise((resolve, reject) => {
    const child = spawn(SCRIPT ?? "script", ["-qec", command, "/dev/null"], {
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/", ...engine.env },
    });
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, output }));
    child.stdin.end(typed);
  });
}

async function deployed(): Promise<boolean> {
  const out = await sfn.send(new ListStateMachinesCommand({}));
  return (out.stateMachines ?? []).some((m) => m.name === `contabanco-${STAGE}`);
}

beforeAll(async () => {
  engine = await startEngine();
  sfn = new SFNClient(sdkConfig(engine.endpoint));
  const result = await engine.cli(["--stage", STAGE, "deploy"]);
  expect(result.code, result.stderr).toBe(0);
}, 120_000);

afterAll(async () => {
  sfn?.destroy();
  await engine?.stop();
});

describe.skipIf(!SCRIPT || process.platform !== "linux")("destroy on a terminal", () => {
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
