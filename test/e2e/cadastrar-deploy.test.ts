// The whole path a new user takes, with nothing set up by hand: `contabanco deploy` on a fresh
// local engine, then `cadastrar`, `consultar` and `executions` through the built CLI.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "../../src/local/server.js";
import { buildIfStale, runCli } from "./stage-helpers.js";

let server: RunningServer;
let home: string;
let env: Record<string, string>;

beforeAll(async () => {
  buildIfStale();
  home = mkdtempSync(join(tmpdir(), "contabanco-e2e-deploy-"));
  server = await startServer({ port: 0, home });
  env = {
    CONTABANCO_HOME: home,
    CONTABANCO_PORT: String(server.port),
    CONTABANCO_TARGET: "local",
    NO_COLOR: "1",
  };
}, 120_000);

afterAll(async () => {
  await server?.close();
  rmSync(home, { recursive: true, force: true });
});

describe("deploy, then the everyday commands", () => {
  it("before deploy, cadastrar says to deploy and starts nothing", async () => {
    const r = await runCli(
      [
        "cadastrar",
        "--titular",
        "Ana Lima",
        "--documento",
        "39053344705",
        "--banco",
        "237",
        "--agencia",
        "0001",
        "--conta",
        "1-1",
      ],
      env,
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('a máquina de estados "contabanco-dev" não existe neste alvo');
    expect(r.stderr).toContain("contabanco deploy");
  });

  it("registers, finds and shows an account on a stage made by `contabanco deploy`", async () => {
    const deploy = await runCli(["deploy"], env, 120_000);
    expect(deploy.code).toBe(0);
    const reg = await runCli(
      [
        "--json",
        "cadastrar",
        "--titular",
        "Ana Lima",
        "--documento",
        "390.533.447-05",
        "--banco",
        "237",
        "--agencia",
        "0001",
        "--conta",
        "1-1",
      ],
      env,
    );
    expect(reg.code).toBe(0);
    expect(JSON.parse(reg.stdout).conta).toMatchObject({
      id: "237-0001-1-1",
      documento: "***.533.447-**",
    });
    const found = await runCli(["--json", "consultar", "--documento", "39053344705"], env);
    expect(JSON.parse(found.stdout).map((a: { id: string }) => a.id)).toEqual(["237-0001-1-1"]);
    const shown = await runCli(["executions", "237-0001-1-1"], env);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain("SUCCEEDED (sucesso)");
  });
});
