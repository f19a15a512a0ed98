// What the execution view draws, folded from histories our interpreter writes as AWS does:
// here, Parallel and Map states whose siblings are cut off by a failing branch.
import type { HistoryEvent as SdkHistoryEvent } from "@aws-sdk/client-sfn";
import { describe, expect, it } from "vitest";
import { eventRows, summarizeStates } from "../../src/app/state-runs.js";
import { StatesError } from "../../src/asl/errors.js";
import type { TaskRequest } from "../../src/asl/types.js";
import { execute as executeAsl, functionsRunner } from "../asl/helpers.js";

/** Runs a definition; its history as the SDK types it (event types are plain strings here). */
async function execute(...args: Parameters<typeof executeAsl>) {
  const r = await executeAsl(...args);
  return { events: r.events as unknown as SdkHistoryEvent[] };
}

const SLOW = "arn:aws:states:::dynamodb:updateItem";
const FAILS = "arn:aws:states:::aws-sdk:glacier:getVaultAccessPolicy";

/** A task that only ends when the interpreter aborts it (a sibling branch failed). */
function untilAborted(_args: unknown, req: TaskRequest): Promise<never> {
  return new Promise((_, reject) => {
    req.signal.addEventListener("abort", () => reject(req.signal.reason), { once: true });
  });
}

async function failAfterSiblingsStarted(): Promise<never> {
  await new Promise((r) => setTimeout(r, 5));
  throw new StatesError("Glacier.ResourceNotFoundException", "Vault not found");
}

function task(resource: string) {
  return { Type: "Task", Resource: resource, End: true };
}

describe("a Parallel whose branch fails while its sibling runs", () => {
  const definition = (catchIt: boolean) => ({
    QueryLanguage: "JSONata",
    StartAt: "Paralelo",
    States: {
      Paralelo: {
        Type: "Parallel",
        Branches: [
          { StartAt: "DynamoDB UpdateItem", States: { "DynamoDB UpdateItem": task(SLOW) } },
          { StartAt: "Outra espera", States: { "Outra espera": task(SLOW) } },
          { StartAt: "GetVaultAccessPolicy", States: { GetVaultAccessPolicy: task(FAILS) } },
        ],
        ...(catchIt
          ? { Catch: [{ ErrorEquals: ["States.ALL"], Next: "Falhou" }], Next: "Fim" }
          : { End: true }),
      },
      ...(catchIt
        ? {
            Falhou: { Type: "Fail", Error: "PoliticaDoCofreAusente" },
            Fim: { Type: "Succeed" },
          }
        : {}),
    },
  });
  const runner = () => functionsRunner({ [SLOW]: untilAborted, [FAILS]: failAfterSiblingsStarted });

  it("draws the failing branch failed and each sibling aborted, not the other way round", async () => {
    const r = await execute(definition(false), {}, runner());
    const types = r.events.map((e) => e.type);
    expect(types.filter((t) => t === "TaskStateAborted")).toHaveLength(2);
    const runs = summarizeStates(r.events);
    expect(runs.get("GetVaultAccessPolicy")).toMatchObject({
      status: "failed",
      error: "Glacier.ResourceNotFoundException",
    });
    expect(runs.get("DynamoDB UpdateItem")?.status).toBe("aborted");
    expect(runs.get("Outra espera")?.status).toBe("aborted");
    expect(runs.get("Paralelo")?.status).toBe("failed");
    // Each aborted event is assigned to a different sibling, none to the failing state.
    const abortedOwners = eventRows(r.events)
      .filter((row) => row.event.type === "TaskStateAborted")
      .map((row) => row.state)
      .sort();
    expect(abortedOwners).toEqual(["DynamoDB UpdateItem", "Outra espera"]);
  });

  it("a caught failure: the Parallel is caught, the siblings stay aborted", async () => {
    const r = await execute(definition(true), {}, runner());
    const runs = summarizeStates(r.events);
    expect(runs.get("Paralelo")).toMatchObject({ status: "caught" });
    expect(runs.get("DynamoDB UpdateItem")?.status).toBe("aborted");
    expect(runs.get("GetVaultAccessPolicy")?.status).toBe("failed");
    expect(runs.get("Falhou")?.status).toBe("failed");
  });

  it("a nested Parallel that fails is not the one its parent's failure is assigned to", async () => {
    const r = await execute(
      {
        QueryLanguage: "JSONata",
        StartAt: "Fora",
        States: {
          Fora: {
            Type: "Parallel",
            Branches: [
              {
                StartAt: "Dentro",
                States: {
                  Dentro: {
                    Type: "Parallel",
                    Branches: [{ StartAt: "Cofre", States: { Cofre: task(FAILS) } }],
                    End: true,
                  },
                },
              },
            ],
            Catch: [{ ErrorEquals: ["States.ALL"], Next: "Fim" }],
            Next: "Fim",
          },
          Fim: { Type: "Succeed" },
        },
      },
      {},
      runner(),
    );
    const rows = eventRows(r.events).filter((row) => row.event.type === "ParallelStateFailed");
    expect(rows.map((row) => row.state)).toEqual(["Dentro", "Fora"]);
    const runs = summarizeStates(r.events);
    expect(runs.get("Fora")?.status).toBe("caught");
    expect(runs.get("Dentro")?.status).toBe("failed");
  });
});
