// Helpers for the Step Functions tests: an SFN client on a running engine, polling for the end
// of an execution (bounded only to avoid hanging, never a timed assertion).
import {
  DescribeExecutionCommand,
  type DescribeExecutionCommandOutput,
  SFNClient,
} from "@aws-sdk/client-sfn";
import { credentials, region } from "../../support/engine.js";

export const ROLE = "arn:aws:iam::000000000000:role/contabanco-sfn";

/** StartSyncExecution has the "sync-" host prefix: a local endpoint disables it. */
export const LOCAL_SFN = { disableHostPrefix: true };

export function sfnClient(url: string): SFNClient {
  return new SFNClient({ endpoint: url, region, credentials, ...LOCAL_SFN });
}

export async function waitForEnd(
  sfn: SFNClient,
  executionArn: string,
  limitMs = 20_000,
): Promise<DescribeExecutionCommandOutput> {
  const start = Date.now();
  for (;;) {
    const d = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (d.status !== "RUNNING") return d;
    if (Date.now() - start > limitMs) throw new Error(`execution still running: ${executionArn}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export const passMachine = JSON.stringify({
  QueryLanguage: "JSONata",
  StartAt: "Dobra",
  States: {
    Dobra: { Type: "Pass", Output: "{% { 'valor': $states.input.valor * 2 } %}", End: true },
  },
});

/** Waits `segundos` seconds (from the input) and then passes the input through. */
export const waitMachine = JSON.stringify({
  StartAt: "Espera",
  States: { Espera: { Type: "Wait", SecondsPath: "$.segundos", End: true } },
});
