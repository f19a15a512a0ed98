// Registering one account: an execution of the stage's state machine whose name carries the
// account id, started with the normalized account as input, then (optionally) waited for with
// DescribeExecution and a growing delay. Plain functions over an SFNClient.
import { randomBytes } from "node:crypto";
import type { DescribeExecutionOutput, HistoryEvent, SFNClient } from "@aws-sdk/client-sfn";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { Account } from "../domain/index.js";
import { latestEvents, TERMINAL } from "./executions.js";

export interface StartedExecution {
  executionArn: string;
  name: string;
  startDate?: Date;
}

/**
 * `<account id>-<time base36>-<random hex>`: unique per attempt, only `[A-Za-z0-9-_]`, at most 80
 * characters (StartExecution's `name` constraints, Step Functions API reference).
 */
export function executionName(
  accountId: string,
  now: Date = new Date(),
  random: string = randomBytes(4).toString("hex"),
): string {
  const safe = accountId.replace(/[^A-Za-z0-9_-]/g, "_");
  const suffix = `-${now.getTime().toString(36)}-${random}`;
  return `${safe.slice(0, 80 - suffix.length)}${suffix}`;
}

const THROTTLING = new Set([
  "ThrottlingException",
  "TooManyRequestsException",
  "Throttling",
  "ProvisionedThroughputExceededException",
  "RequestLimitExceeded",
]);

export function isThrottling(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return THROTTLING.has(e?.name ?? "") || e?.$metadata?.httpStatusCode === 429;
}

export type Sleep = (ms: number) => Promise<void>;
export const sleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export interface RetryOptions {
  /** Attempts in all (default 8). */
  attempts?: number;
  baseMs?: number;
  maxMs?: number;
  sleep?: Sleep;
  random?: () => number;
}

/** Runs `fn`, retrying throttling errors with exponential backoff and full jitter. */
export async function withThrottlingRetry<T>(
  fn: () => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  const attempts = options.attempts ?? 8;
  const base = options.baseMs ?? 100;
  const max = options.maxMs ?? 5000;
  const wait = options.sleep ?? sleep;
  const random = options.random ?? Math.random;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (!isThrottling(error) || attempt >= attempts) throw error;
      await wait(Math.floor(random() * Math.min(max, base * 2 ** (attempt - 1))));
    }
  }
}

/**
 * The execution input: the normalized account in the shape the workflow's contaBanco Lambda reads
 * (AccountInput: agência and conta with their check digits after a hyphen).
 */
export function workflowInput(account: Account): Record<string, string> {
  return {
    titular: account.titular,
    documento: account.documento,
    banco: account.banco,
    agencia: account.agenciaDv ? `${account.agencia}-${account.agenciaDv}` : account.agencia,
    conta: `${account.conta}-${account.contaDv}`,
    tipo: account.tipo,
  };
}

/** Starts the registration of a (validated, normalized) account. */
export async function startRegistration(
  sfn: SFNClient,
  stateMachineArn: string,
  account: Account,
  options: { now?: Date; retry?: RetryOptions } = {},
): Promise<StartedExecution> {
  const { StartExecutionCommand } = await import("@aws-sdk/client-sfn");
  const name = executionName(account.id, options.now);
  const out = await withThrottlingRetry(
    () =>
      sfn.send(
        new StartExecutionCommand({
          stateMachineArn,
          name,
          input: JSON.stringify(workflowInput(account)),
        }),
      ),
    options.retry,
  );
  return { executionArn: out.executionArn ?? "", name, startDate: out.startDate };
}

export interface WaitOptions {
  /** First delay between polls (default 50 ms), multiplied by 1.5 up to `maxDelayMs`. */
  initialDelayMs?: number;
  /**
   * Wait this long before the first poll (default 0: poll at once). A batch sets it to about an
   * execution's usual duration, so it does not spend a call per execution on seeing RUNNING.
   */
  firstPollAfterMs?: number;
  maxDelayMs?: number;
  sleep?: Sleep;
  /** Called after each poll with the newest history events, newest first (costs a call). */
  onEvents?: (newestFirst: HistoryEvent[]) => void;
  retry?: RetryOptions;
}

/** Polls DescribeExecution until the execution leaves RUNNING; returns the final description. */
export async function waitForExecution(
  sfn: SFNClient,
  executionArn: string,
  options: WaitOptions = {},
): Promise<DescribeExecutionOutput> {
  const { DescribeExecutionCommand } = await import("@aws-sdk/client-sfn");
  const wait = options.sleep ?? sleep;
  let delay = options.initialDelayMs ?? 50;
  const max = options.maxDelayMs ?? 1000;
  if (options.firstPollAfterMs) await wait(options.firstPollAfterMs);
  for (;;) {
    const out = await withThrottlingRetry(
      () => sfn.send(new DescribeExecutionCommand({ executionArn })),
      options.retry,
    );
    if (options.onEvents) {
      const events = await withThrottlingRetry(
        () => latestEvents(sfn, executionArn),
        options.retry,
      );
      if (events.length > 0) options.onEvents(events);
    }
    if (out.status && TERMINAL.has(out.status)) return out;
    await wait(delay);
    delay = Math.min(max, Math.ceil(delay * 1.5));
  }
}

export interface FailureExplanation {
  /** The error name as the workflow reported it (ContaInvalida…), or the status. */
  error: string;
  /** One pt-BR sentence for people. */
  message: string;
  cause?: string;
}

const FRIENDLY: Record<string, string> = {
  ContaInvalida: "A conta é inválida: o workflow recusou os dados.",
  ContaJaCadastrada: "A conta já está cadastrada; nada foi sobrescrito.",
  PoliticaDoCofreAusente:
    "O cofre de arquivo está sem a política de retenção: rode `contabanco deploy` para recriá-la.",
  FalhaInesperada: "O workflow falhou numa etapa de infraestrutura.",
  "States.Timeout": "A execução excedeu o tempo limite.",
};

/** A failed, timed-out or aborted execution in pt-BR. */
export function explainFailure(execution: DescribeExecutionOutput): FailureExplanation {
  const status = execution.status ?? "FAILED";
  const error = execution.error ?? (status === "TIMED_OUT" ? "States.Timeout" : status);
  let message = FRIENDLY[error];
  if (!message) {
    message =
      status === "ABORTED"
        ? "A execução foi interrompida antes de terminar."
        : status === "TIMED_OUT"
          ? FRIENDLY["States.Timeout"]
          : `A execução falhou com o erro ${error}.`;
  }
  return { error, message, ...(execution.cause ? { cause: execution.cause } : {}) };
}

/** Failures after which the record cannot have been written: nothing to look up. */
const NOTHING_WRITTEN = new Set(["ContaInvalida", "ContaJaCadastrada"]);

/**
 * After a failed registration, whether this execution wrote the record anyway. The workflow
 * writes it (DynamoDB UpdateItem) in parallel with the vault check (GetVaultAccessPolicy): when
 * the check fails, the write may already have happened. The record names the execution that
 * wrote it (`execucao`), so the answer is exact. Undefined when the failure writes nothing.
 */
export async function writtenDespiteFailure(
  doc: DynamoDBDocumentClient,
  table: string,
  id: string,
  executionArn: string,
  failure: FailureExplanation,
): Promise<boolean | undefined> {
  if (NOTHING_WRITTEN.has(failure.error)) return undefined;
  const { getAccount } = await import("./lookup.js");
  const record = await withThrottlingRetry(() => getAccount(doc, table, id));
  return record?.execucao === executionArn;
}

/** What the CLI says of `writtenDespiteFailure`, in pt-BR. */
export function writtenNote(written: boolean): string {
  return written
    ? "a conta ficou gravada na tabela mesmo assim (a gravação corre em paralelo com a verificação do cofre): não é preciso cadastrá-la de novo"
    : "a conta não foi gravada";
}

/** The execution's output (the registered record), parsed. */
export function executionOutput(execution: DescribeExecutionOutput): unknown {
  if (!execution.output) return undefined;
  try {
    return JSON.parse(execution.output);
  } catch {
    return execution.output;
  }
}
