// The pure parts of registering: execution names, the workflow input, throttling retries and
// failures in pt-BR.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  executionName,
  explainFailure,
  isThrottling,
  withThrottlingRetry,
  workflowInput,
} from "../../src/app/register.js";
import { validateAccount } from "../../src/domain/index.js";

describe("executionName", () => {
  it("carries the account id, is unique per attempt and fits StartExecution's rules", () => {
    const now = new Date("2026-11-24T09:00:00Z");
    const name = executionName("341-2545-02366-1", now, "0a1b2c3d");
    expect(name).toBe(`341-2545-02366-1-${now.getTime().toString(36)}-0a1b2c3d`);
    expect(executionName("341-2545-02366-1", now)).not.toBe(executionName("341-2545-02366-1", now));
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.date({ noInvalidDate: true }), (id, date) => {
        const n = executionName(id, date);
        expect(n.length).toBeLessThanOrEqual(80);
        expect(n).toMatch(/^[A-Za-z0-9_-]+$/);
      }),
    );
  });
});

describe("workflowInput", () => {
  it("gives the Lambda the normalized account in the shape it reads, validating to the same account", () => {
    for (const input of [
      {
        titular: " Maria  da Silva ",
        documento: "529.982.247-25",
        banco: "341",
        agencia: "2545",
        conta: "2366-1",
      },
      {
        titular: "Empresa X",
        documento: "11.222.333/0001-81",
        banco: "1",
        agencia: "1234-3",
        conta: "12345-5",
        tipo: "Poupança",
      },
    ]) {
      const first = validateAccount(input);
      if (!first.ok) throw new Error(JSON.stringify(first.errors));
      const again = validateAccount(workflowInput(first.account));
      expect(again).toEqual(first);
    }
  });
});

describe("withThrottlingRetry", () => {
  const throttled = () =>
    Object.assign(new Error("Rate exceeded"), { name: "ThrottlingException" });

  it("retries throttling with exponential backoff and full jitter, then succeeds", async () => {
    const waits: number[] = [];
    let calls = 0;
    const result = await withThrottlingRetry(
      async () => {
        calls++;
        if (calls < 4) throw throttled();
        return "ok";
      },
      { baseMs: 100, sleep: async (ms) => void waits.push(ms), random: () => 0.5 },
    );
    expect(result).toBe("ok");
    expect(waits).toEqual([50, 100, 200]);
  });

  it("gives up after the attempts and never retries other errors", async () => {
    let calls = 0;
    await expect(
      withThrottlingRetry(
        async () => {
          calls++;
          throw throttled();
        },
        { attempts: 3, sleep: async () => {} },
      ),
    ).rejects.toThrow("Rate exceeded");
    expect(calls).toBe(3);
    calls = 0;
    await expect(
      withThrottlingRetry(async () => {
        calls++;
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(calls).toBe(1);
    expect(isThrottling({ name: "TooManyRequestsException" })).toBe(true);
    expect(isThrottling({ name: "X", $metadata: { httpStatusCode: 429 } })).toBe(true);
    expect(isThrottling({ name: "ValidationException" })).toBe(false);
  });
});

describe("explainFailure", () => {
  it("turns the workflow's errors into pt-BR sentences and keeps the cause", () => {
    expect(
      explainFailure({ status: "FAILED", error: "ContaJaCadastrada", cause: "c" } as never),
    ).toEqual({
      error: "ContaJaCadastrada",
      message: "A conta já está cadastrada; nada foi sobrescrito.",
      cause: "c",
    });
    expect(explainFailure({ status: "FAILED", error: "ContaInvalida" } as never).message).toContain(
      "inválida",
    );
    expect(
      explainFailure({ status: "FAILED", error: "PoliticaDoCofreAusente" } as never).message,
    ).toContain("contabanco deploy");
    expect(explainFailure({ status: "TIMED_OUT" } as never)).toMatchObject({
      error: "States.Timeout",
    });
    expect(explainFailure({ status: "ABORTED" } as never).message).toContain("interrompida");
    expect(explainFailure({ status: "FAILED", error: "Outro" } as never).message).toBe(
      "A execução falhou com o erro Outro.",
    );
  });
});
