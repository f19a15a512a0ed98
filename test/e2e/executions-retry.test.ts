// A registration whose Lambda task was retried, drawn through the built CLI: the deployed
// contaBanco function is replaced by a wrapper that fails once with Lambda.ServiceException (one
// of the errors the workflow's Retry names, assets/state-machine.asl.json) and then runs the real
// handler, so `cadastrar` succeeds on the second attempt and the graph says "2 tentativas".
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { LambdaClient, UpdateFunctionCodeCommand } from "@aws-sdk/client-lambda";
import { strToU8, unzipSync, zipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { ITAU_FLAGS } from "../support/accounts.js";
import { root, useStage } from "./stage-helpers.js";

const engine = useStage();

/** Written by the first invocation: every later one runs the real handler. */
let marker: string;

beforeAll(async () => {
  marker = join(engine.home, "contaBanco-falhou-uma-vez");
  const original = unzipSync(readFileSync(join(root, "dist", "lambda", "contaBanco.zip")));
  const wrapper = `import { existsSync, writeFileSync } from "node:fs";
import { handler as contaBanco } from "./conta.mjs";
export const handler = async (event, context) => {
  if (!existsSync(${JSON.stringify(marker)})) {
    writeFileSync(${JSON.stringify(marker)}, "1");
    const error = new Error("serviço indisponível (falha de teste)");
    error.name = "Lambda.ServiceException";
    throw error;
  }
  return contaBanco(event, context);
};
`;
  const zip = zipSync({ "conta.mjs": original["index.mjs"], "index.mjs": strToU8(wrapper) });
  await engine
    .client(LambdaClient)
    .send(
      new UpdateFunctionCodeCommand({ FunctionName: "contabanco-dev-contaBanco", ZipFile: zip }),
    );
}, 60_000);

describe("executions of a retried Lambda task", () => {
  it("cadastrar succeeds on the retry; the graph and --json show 2 attempts", async () => {
    const registered = await engine.cli(["cadastrar", ...ITAU_FLAGS]);
    expect(registered.code, registered.stderr).toBe(0);
    // The first attempt did fail.
    expect(existsSync(marker)).toBe(true);

    const r = await engine.cli(["executions", "341-2545-02366-1", "--eventos"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("SUCCEEDED (sucesso)");
    expect(r.stdout).toMatch(
      /│ Lambda Invoke\s+[│├][^\n]*\n[^\n]*│ ✓ \d[^│]* · 2 tentativas · lambda:invoke\s+[│├]/,
    );
    // Only the retried state counts attempts.
    for (const state of ["CreateSession", "DynamoDB UpdateItem", "GetVaultAccessPolicy"]) {
      expect(r.stdout).toMatch(
        new RegExp(`│ ${state}\\s+[│├][^\\n]*\\n[^\\n]*│ ✓ \\d+ ms · [a-z]`),
      );
    }
    expect(r.stdout).toMatch(/TaskFailed\s+Lambda Invoke\s+\+\d+ ms\s+Lambda\.ServiceException/);

    const json = await engine.json<{ estados: { nome: string; tentativas: number }[] }>([
      "executions",
      "341-2545-02366-1",
    ]);
    const attempts = Object.fromEntries(json.estados.map((s) => [s.nome, s.tentativas]));
    expect(attempts).toMatchObject({ CreateSession: 1, "Lambda Invoke": 2 });
  }, 60_000);
});
