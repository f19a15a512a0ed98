// Registering a file of accounts: every record validated first (invalid ones listed by line),
// duplicates inside the file counted once, ids already in the table skipped by a BatchGetItem
// pre-check (no execution spent on them), the rest registered with bounded concurrency, each
// execution awaited. Re-running a file is safe: the workflow's ConditionExpression never
// overwrites, and an execution that ends in ContaJaCadastrada counts as já existente.
import type { SFNClient } from "@aws-sdk/client-sfn";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { type Account, formatErrors, validateAccount } from "../domain/index.js";
import type { ParsedFile } from "./batch-file.js";
import {
  explainFailure,
  type RetryOptions,
  type Sleep,
  sleep,
  startRegistration,
  type WaitOptions,
  waitForExecution,
  withThrottlingRetry,
  writtenDespiteFailure,
  writtenNote,
} from "./register.js";

export interface PlannedAccount {
  line: number;
  account: Account;
}

export interface BatchPlan {
  valid: PlannedAccount[];
  /** Lines that cannot be registered: field errors, or not a record at all. */
  invalid: { line: number; errors: string[] }[];
  /** Lines whose account id already appeared earlier in the file. */
  duplicates: { line: number; firstLine: number; id: string }[];
}

export function planBatch(parsed: ParsedFile): BatchPlan {
  const plan: BatchPlan = { valid: [], invalid: [], duplicates: [] };
  for (const e of parsed.errors) plan.invalid.push({ line: e.line, errors: [e.message] });
  const seen = new Map<string, number>();
  for (const record of parsed.records) {
    const result = validateAccount(record.input);
    if (!result.ok) {
      plan.invalid.push({ line: record.line, errors: formatErrors(result.errors).split("\n") });
      continue;
    }
    const first = seen.get(result.account.id);
    if (first !== undefined) {
      plan.duplicates.push({ line: record.line, firstLine: first, id: result.account.id });
      continue;
    }
    seen.set(result.account.id, record.line);
    plan.valid.push({ line: record.line, account: result.account });
  }
  plan.invalid.sort((a, b) => a.line - b.line);
  return plan;
}

export type OutcomeStatus = "cadastrada" | "ja-existente" | "falha";

export interface Outcome {
  line: number;
  id: string;
  status: OutcomeStatus;
  executionArn?: string;
  /** Why it failed (pt-BR), or how it was found to exist. */
  message?: string;
}

/** The ids among `ids` already in the table (BatchGetItem, 100 keys a call, leftovers retried). */
export async function existingIds(
  doc: DynamoDBDocumentClient,
  table: string,
  ids: string[],
  options: { sleep?: Sleep } = {},
): Promise<Set<string>> {
  const { BatchGetCommand } = await import("@aws-sdk/lib-dynamodb");
  const wait = options.sleep ?? sleep;
  const found = new Set<string>();
  for (let i = 0; i < ids.length; i += 100) {
    let keys: Record<string, unknown>[] = ids.slice(i, i + 100).map((id) => ({ id }));
    for (let round = 0; keys.length > 0; round++) {
      const out = await withThrottlingRetry(() =>
        doc.send(
          new BatchGetCommand({
            RequestItems: { [table]: { Keys: keys, ProjectionExpression: "id" } },
          }),
        ),
      );
      for (const item of out.Responses?.[table] ?? []) found.add(String(item.id));
      keys = (out.UnprocessedKeys?.[table]?.Keys ?? []) as Record<string, unknown>[];
      if (keys.length > 0) await wait(Math.min(2000, 50 * 2 ** round));
    }
  }
  return found;
}

/**
 * A registration takes a few tens of milliseconds on the local engine and a few hundred on AWS:
 * the first DescribeExecution waits this long instead of finding the execution still RUNNING.
 */
export const DEFAULT_FIRST_POLL_MS = 40;

export interface RunBatchOptions {
  sfn: SFNClient;
  stateMachineArn: string;
  accounts: PlannedAccount[];
  /** Executions in flight at once (default 32). */
  concurrency?: number;
  /** Ids already registered: reported as já existentes without starting an execution. */
  existing?: ReadonlySet<string>;
  onOutcome?: (outcome: Outcome) => void;
  /** The stage's table: after a failure, whether the record was written anyway is looked up. */
  table?: { doc: DynamoDBDocumentClient; name: string };
  wait?: WaitOptions;
  retry?: RetryOptions;
}

/**
 * How long registrations are taking, so that the first DescribeExecution comes about when the
 * execution has ended: with many in flight an execution takes longer than alone, and each poll
 * that finds it RUNNING is one more API call (on the CLI's own CPU, and on AWS against its
 * DescribeExecution quota). A moving average of the last ones (as the service timed them:
 * stopDate − startDate), plus a tenth, within [20 ms, 2 s].
 */
class Duration {
  private averageMs = DEFAULT_FIRST_POLL_MS;
  firstPollMs(): number {
    return Math.round(Math.min(2000, Math.max(20, this.averageMs * 1.1)));
  }
  observe(ms: number): void {
    this.averageMs += (ms - this.averageMs) / 8;
  }
}

async function registerOne(
  options: RunBatchOptions,
  planned: PlannedAccount,
  duration: Duration,
): Promise<Outcome> {
  const { line, account } = planned;
  if (options.existing?.has(account.id)) {
    return { line, id: account.id, status: "ja-existente", message: "já estava na tabela" };
  }
  try {
    const started = await startRegistration(options.sfn, options.stateMachineArn, account, {
      retry: options.retry,
    });
    const done = await waitForExecution(options.sfn, started.executionArn, {
      firstPollAfterMs: duration.firstPollMs(),
      ...options.wait,
    });
    if (done.startDate && done.stopDate) {
      duration.observe(done.stopDate.getTime() - done.startDate.getTime());
    }
    if (done.status === "SUCCEEDED") {
      return { line, id: account.id, status: "cadastrada", executionArn: started.executionArn };
    }
    const failure = explainFailure(done);
    if (failure.error === "ContaJaCadastrada") {
      return {
        line,
        id: account.id,
        status: "ja-existente",
        executionArn: started.executionArn,
        message: failure.message,
      };
    }
    // The workflow's cause is the specific one (which field, which step); the generic message
    // when there is none (a timeout, an abort).
    let message = failure.cause ?? failure.message;
    if (options.table) {
      const written = await writtenDespiteFailure(
        options.table.doc,
        options.table.name,
        account.id,
        started.executionArn,
        failure,
      );
      if (written !== undefined) message = `${message} (${writtenNote(written)})`;
    }
    return { line, id: account.id, status: "falha", executionArn: started.executionArn, message };
  } catch (error) {
    const e = error as Error;
    return { line, id: account.id, status: "falha", message: `${e.name}: ${e.message}` };
  }
}

/** Registers the accounts with at most `concurrency` executions in flight; outcomes in file order. */
export async function runBatch(options: RunBatchOptions): Promise<Outcome[]> {
  const outcomes: Outcome[] = new Array(options.accounts.length);
  const duration = new Duration();
  let next = 0;
  const worker = async () => {
    while (next < options.accounts.length) {
      const index = next++;
      const outcome = await registerOne(options, options.accounts[index], duration);
      outcomes[index] = outcome;
      options.onOutcome?.(outcome);
    }
  };
  const width = Math.max(1, Math.min(options.concurrency ?? 32, options.accounts.length));
  await Promise.all(Array.from({ length: width }, worker));
  return outcomes;
}

export interface BatchSummary {
  cadastradas: number;
  jaExistentes: number;
  invalidas: number;
  duplicadas: number;
  falhas: number;
}

export function summarize(plan: BatchPlan, outcomes: Outcome[]): BatchSummary {
  const count = (s: OutcomeStatus) => outcomes.filter((o) => o.status === s).length;
  return {
    cadastradas: count("cadastrada"),
    jaExistentes: count("ja-existente"),
    invalidas: plan.invalid.length,
    duplicadas: plan.duplicates.length,
    falhas: count("falha"),
  };
}
