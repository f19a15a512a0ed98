// The demo's story, as plain functions over SDK clients: sample accounts, registering one through
// the workflow (validated locally first, like cadastrar), and sending an invalid one straight to
// the workflow to show that the Lambda refuses it too. The command renders it (src/cli/commands/demo.ts).
import {
  type DescribeExecutionOutput,
  type HistoryEvent,
  type SFNClient,
  StartExecutionCommand,
} from "@aws-sdk/client-sfn";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import {
  type Account,
  type AccountInput,
  type FieldError,
  validateAccount,
} from "../domain/index.js";
import { listExecutions, readHistory } from "./executions.js";
import { type AccountRecord, listAccounts } from "./lookup.js";
import { executionName, explainFailure, startRegistration, waitForExecution } from "./register.js";

/** The stage the demo deploys when none is configured. */
export const DEMO_STAGE = "demo";

/** Two valid accounts: a CPF at Itaú (with its check digit rule) and a CNPJ at Nubank. */
export const DEMO_VALID: readonly AccountInput[] = Object.freeze([
  {
    titular: "Maria da Silva",
    documento: "529.982.247-25",
    banco: "341",
    agencia: "2545",
    conta: "02366-1",
    tipo: "corrente",
  },
  {
    titular: "Padaria Pão Quente Ltda",
    documento: "11.222.333/0001-81",
    banco: "260",
    agencia: "0001",
    conta: "1234567-8",
    tipo: "pagamento",
  },
]);

/** An account wrong in every field: the CLI lists every error at once. */
export const DEMO_INVALID: AccountInput = Object.freeze({
  titular: "X",
  documento: "123.456.789-00",
  banco: "999",
  agencia: "12",
  conta: "abc",
});

export type DemoRegistration =
  | { kind: "invalid"; input: AccountInput; errors: FieldError[] }
  | { kind: "executed"; input: AccountInput; account: Account; execution: DescribeExecutionOutput };

export interface DemoWaitOptions {
  sleep?: (ms: number) => Promise<void>;
}

/** Validates locally (like cadastrar) and, when valid, runs the workflow and waits for it. */
export async function registerForDemo(
  sfn: SFNClient,
  stateMachineArn: string,
  input: AccountInput,
  options: DemoWaitOptions = {},
): Promise<DemoRegistration> {
  const result = validateAccount(input);
  if (!result.ok) return { kind: "invalid", input, errors: result.errors };
  const started = await startRegistration(sfn, stateMachineArn, result.account);
  const execution = await waitForExecution(sfn, started.executionArn, { sleep: options.sleep });
  return { kind: "executed", input, account: result.account, execution };
}

/**
 * Sends the input to the workflow without validating it first (what a client that skips the CLI
 * would do): the contaBanco Lambda refuses it and the execution fails with ContaInvalida.
 */
export async function sendUnvalidated(
  sfn: SFNClient,
  stateMachineArn: string,
  input: AccountInput,
  options: DemoWaitOptions = {},
): Promise<DescribeExecutionOutput> {
  const out = await sfn.send(
    new StartExecutionCommand({
      stateMachineArn,
      name: executionName("demo-invalida"),
      input: JSON.stringify(input),
    }),
  );
  return waitForExecution(sfn, out.executionArn ?? "", { sleep: options.sleep });
}

/** One sample registration: registered now, or already there from an earlier demo. */
export interface DemoRegistered {
  id: string;
  titular: string;
  bancoNome: string;
  status: string;
  execucao: string;
  executionArn?: string;
  erro?: string;
}

/** Everything the demo shows after deploying. */
export interface DemoStory {
  registered: DemoRegistered[];
  /** The invalid account's field errors, from local validation. */
  fieldErrors: FieldError[];
  /** The invalid account sent straight to the workflow. */
  refused: DescribeExecutionOutput;
  /** The first valid account registered again. */
  duplicate?: DescribeExecutionOutput;
  accounts: AccountRecord[];
  /** The history of one successful execution. */
  historyArn?: string;
  history: HistoryEvent[];
}

export interface DemoTarget {
  sfn: SFNClient;
  documents: DynamoDBDocumentClient;
  stateMachineArn: string;
  table: string;
}

/** Runs the story on a deployed stage. Throws when a sample account fails for another reason. */
export async function runDemoStory(
  target: DemoTarget,
  options: DemoWaitOptions = {},
): Promise<DemoStory> {
  const { sfn, stateMachineArn } = target;
  const registered: DemoRegistered[] = [];
  for (const input of DEMO_VALID) {
    const outcome = await registerForDemo(sfn, stateMachineArn, input, options);
    if (outcome.kind !== "executed") {
      throw new Error(`a conta de exemplo de ${input.titular} não passou na validação`);
    }
    const { execution, account } = outcome;
    if (execution.status !== "SUCCEEDED" && execution.error !== "ContaJaCadastrada") {
      const why = explainFailure(execution);
      throw new Error(
        `a conta de exemplo ${account.id} falhou: ${why.message}${why.cause ? ` (${why.cause})` : ""}`,
      );
    }
    registered.push({
      id: account.id,
      titular: account.titular,
      bancoNome: account.bancoNome,
      status: execution.status ?? "",
      execucao: execution.name ?? "",
      executionArn: execution.executionArn,
      erro: execution.error,
    });
  }
  const invalid = await registerForDemo(sfn, stateMachineArn, DEMO_INVALID, options);
  const refused = await sendUnvalidated(sfn, stateMachineArn, DEMO_INVALID, options);
  const again = await registerForDemo(sfn, stateMachineArn, DEMO_VALID[0], options);
  const page = await listAccounts(target.documents, target.table, { limit: 20 });
  // A successful execution: from this run, or (accounts already there) the latest one.
  const historyArn =
    registered.find((r) => r.status === "SUCCEEDED")?.executionArn ??
    (await listExecutions(sfn, stateMachineArn, { status: "SUCCEEDED", limit: 1 }))[0]
      ?.executionArn;
  return {
    registered,
    fieldErrors: invalid.kind === "invalid" ? invalid.errors : [],
    refused,
    duplicate: again.kind === "executed" ? again.execution : undefined,
    accounts: page.items,
    historyArn,
    history: historyArn ? await readHistory(sfn, historyArn) : [],
  };
}
