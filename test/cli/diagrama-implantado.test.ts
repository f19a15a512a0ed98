// `diagrama --implantado` against the local engine (a real server on a free port): it draws the
// definition the target holds for the stage, not the bundled one.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CreateStateMachineCommand, SFNClient } from "@aws-sdk/client-sfn";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "../../src/local/server.js";
import { run } from "./run.js";

let home: string;
let server: RunningServer;
let env: Record<string, string>;

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), "contabanco-diagrama-"));
  server = await startServer({ port: 0, home });
  env = { CONTABANCO_HOME: home, CONTABANCO_PORT: String(server.port) };
  const sfn = new SFNClient({
    region: "us-east-1",
    endpoint: server.url,
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
  });
  await sfn.send(
    new CreateStateMachineCommand({
      name: "contabanco-implantado",
      roleArn: "arn:aws:iam::000000000000:role/contabanco-implantado-sfn",
      definition: JSON.stringify({
        QueryLanguage: "JSONata",
        StartAt: "Versão Implantada",
        States: {
          "Versão Implantada": { Type: "Pass", Next: "Fim" },
          Fim: { Type: "Succeed" },
        },
      }),
    }),
  );
  sfn.destroy();
});

afterAll(async () => {
  await server?.close();
  rmSync(home, { recursive: true, force: true });
});

describe("diagrama --implantado", () => {
  it("draws the deployed definition of the stage", async () => {
    const { code, stdout, stderr } = await run(
      ["--stage", "implantado", "diagrama", "--implantado", "--formato", "mermaid"],
      { env },
    );
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toContain('s0["Versão Implantada<br/>passagem"]');
    expect(stdout).toContain("s0 --> s1");
    expect(stdout).not.toContain("CreateSession");
  });

  it("says so when the stage was never deployed", async () => {
    const { code, stdout, stderr } = await run(["--stage", "outro", "diagrama", "--implantado"], {
      env,
    });
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toContain('erro: a máquina de estados "contabanco-outro" não existe neste alvo');
  });
});
