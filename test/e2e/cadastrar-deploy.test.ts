// The whole path a new user takes, with nothing set up by hand: `contabanco deploy` on a fresh
// local engine, then `cadastrar`, `consultar` and `executions` through the built CLI.
import { describe, expect, it } from "vitest";
import { accountFlags } from "../support/accounts.js";
import { useCliEngine } from "../support/cli.js";

const engine = useCliEngine("contabanco-e2e-deploy-");

describe("deploy, then the everyday commands", () => {
  it("before deploy, cadastrar says to deploy and starts nothing", async () => {
    const r = await engine.cli([
      "cadastrar",
      ...accountFlags({
        titular: "Ana Lima",
        documento: "39053344705",
        banco: "237",
        agencia: "0001",
        conta: "1-1",
      }),
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('a máquina de estados "contabanco-dev" não existe neste alvo');
    expect(r.stderr).toContain("contabanco deploy");
  });

  it("registers, finds and shows an account on a stage made by `contabanco deploy`", async () => {
    const deploy = await engine.cli(["deploy"], {}, 120_000);
    expect(deploy.code).toBe(0);
    const reg = await engine.cli([
      "--json",
      "cadastrar",
      ...accountFlags({
        titular: "Ana Lima",
        documento: "390.533.447-05",
        banco: "237",
        agencia: "0001",
        conta: "1-1",
      }),
    ]);
    expect(reg.code).toBe(0);
    expect(JSON.parse(reg.stdout).conta).toMatchObject({
      id: "237-0001-1-1",
      documento: "***.533.447-**",
    });
    const found = await engine.cli(["--json", "consultar", "--documento", "39053344705"]);
    expect(JSON.parse(found.stdout).contas.map((a: { id: string }) => a.id)).toEqual([
      "237-0001-1-1",
    ]);
    const shown = await engine.cli(["executions", "237-0001-1-1"]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain("SUCCEEDED (sucesso)");
  });
});
