// The demo's story, as plain functions over SDK clients: sample accounts, registering one through
// the workflow (validated locally first, like cadastrar), and sending an invalid one straight to
// the workflow to show that the Lambda refuses it too. The command renders it (src/cli/commands/demo.ts).
import {
  type DescribeExecutionOutput,
  type SFNClient,
  StartExecutionCommand,
} from "@aws-sdk/client-sfn";
import {
  type Account,
  type AccountInput,
  type FieldError,
  validateAccount,
} from "../domain/index.js";
import { executionName, startRegistration, waitForExecution } from "./register.js";

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
