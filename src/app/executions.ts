// Executions of the stage's state machine: finding the machine, listing its executions, naming
// one by ARN, name or a unique prefix of the name, and reading its whole history page by page.
import type {
  DescribeExecutionOutput,
  ExecutionListItem,
  ExecutionStatus,
  HistoryEvent,
  SFNClient,
} from "@aws-sdk/client-sfn";

export const EXECUTION_STATUSES = [
  "RUNNING",
  "SUCCEEDED",
  "FAILED",
  "TIMED_OUT",
  "ABORTED",
  "PENDING_REDRIVE",
] as const;

/** pt-BR words accepted for --status, besides the AWS names. */
const STATUS_SYNONYMS: Record<string, ExecutionStatus> = {
  executando: "RUNNING",
  "em-execucao": "RUNNING",
  sucesso: "SUCCEEDED",
  concluida: "SUCCEEDED",
  falha: "FAILED",
  falhou: "FAILED",
  "tempo-esgotado": "TIMED_OUT",
  expirada: "TIMED_OUT",
  abortada: "ABORTED",
  interrompida: "ABORTED",
};

/** "succeeded", "sucesso", "Concluída" → "SUCCEEDED"; undefined when unknown. */
export function parseStatus(value: string): ExecutionStatus | undefined {
  const upper = value.trim().toUpperCase().replace(/-/g, "_");
  if ((EXECUTION_STATUSES as readonly string[]).includes(upper)) return upper as ExecutionStatus;
  const key = value
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, "-");
  return STATUS_SYNONYMS[key];
}

/** The deployed state machine was not found (the stage was never deployed). */
export class NotDeployedError extends Error {
  override name = "NotDeployedError";
}

/** No execution matches, or a prefix matches several (`candidates`). */
export class ExecutionNotFoundError extends Error {
  override name = "ExecutionNotFoundError";
  constructor(
    message: string,
    readonly candidates: string[] = [],
  ) {
    super(message);
  }
}

/** The ARN of the state machine called `name`, looked up with ListStateMachines. */
export async function findStateMachineArn(sfn: SFNClient, name: string): Promise<string> {
  const { ListStateMachinesCommand } = await import("@aws-sdk/client-sfn");
  let nextToken: string | undefined;
  do {
    const out = await sfn.send(new ListStateMachinesCommand({ nextToken }));
    const found = out.stateMachines?.find((m) => m.name === name);
    if (found?.stateMachineArn) return found.stateMachineArn;
    nextToken = out.nextToken;
  } while (nextToken);
  throw new NotDeployedError(
    `a máquina de estados "${name}" não existe neste alvo: rode \`contabanco deploy\` primeiro`,
  );
}

/** The account id an execution name carries (`<id>-<suffix>`, as cadastrar names them). */
export function accountIdOfExecution(name: string): string | undefined {
  return /^(\d{3}-\d{4}-\d{1,13}-[0-9XP])-/.exec(name)?.[1];
}

export interface ListOptions {
  status?: ExecutionStatus;
  /** At most this many (all when undefined). */
  limit?: number;
}

/** Executions newest first, read page by page until `limit`. */
export async function listExecutions(
  sfn: SFNClient,
  stateMachineArn: string,
  options: ListOptions = {},
): Promise<ExecutionListItem[]> {
  const { ListExecutionsCommand } = await import("@aws-sdk/client-sfn");
  const items: ExecutionListItem[] = [];
  let nextToken: string | undefined;
  do {
    const room = options.limit === undefined ? 1000 : options.limit - items.length;
    const out = await sfn.send(
      new ListExecutionsCommand({
        stateMachineArn,
        statusFilter: options.status,
        maxResults: Math.min(1000, Math.max(1, room)),
        nextToken,
      }),
    );
    items.push(...(out.executions ?? []));
    nextToken = out.nextToken;
  } while (nextToken && (options.limit === undefined || items.length < options.limit));
  const sorted = items.sort(
    (a, b) => (b.startDate?.getTime() ?? 0) - (a.startDate?.getTime() ?? 0),
  );
  return options.limit === undefined ? sorted : sorted.slice(0, options.limit);
}

/**
 * The ARN of the execution `name` of a state machine: `arn:P:states:R:A:stateMachine:M` →
 * `arn:P:states:R:A:execution:M:NAME` (the execution resource of the Step Functions service
 * authorization reference). Undefined when `stateMachineArn` is not a state machine ARN.
 */
export function executionArnOf(stateMachineArn: string, name: string): string | undefined {
  const parts = stateMachineArn.split(":");
  if (parts.length !== 7 || parts[0] !== "arn" || parts[5] !== "stateMachine") return undefined;
  return [...parts.slice(0, 5), "execution", parts[6], name].join(":");
}

/**
 * The state machine an execution ARN belongs to: `arn:P:states:R:A:execution:M:NAME` (standard)
 * or `arn:P:states:R:A:express:M:NAME:ID` (express) → `arn:P:states:R:A:stateMachine:M`.
 * Undefined when `arn` is neither.
 */
export function stateMachineArnOfExecution(arn: string): string | undefined {
  const parts = arn.split(":");
  const standard = parts.length === 8 && parts[5] === "execution";
  const express = parts.length === 9 && parts[5] === "express";
  if (parts[0] !== "arn" || parts[2] !== "states" || !(standard || express)) return undefined;
  return [...parts.slice(0, 5), "stateMachine", parts[6]].join(":");
}

/** The execution ARN names an execution of another state machine (another stage, another app). */
export class ForeignExecutionError extends Error {
  override name = "ForeignExecutionError";
}

/**
 * Could `ref` be a whole execution name? Names have 1 to 80 characters, with no whitespace and
 * none of `:` `/` (among others the target refuses as InvalidArn, which also falls back).
 */
function couldBeName(ref: string): boolean {
  return ref.length >= 1 && ref.length <= 80 && !/[\s:/]/.test(ref);
}

/**
 * The execution a user names: a full ARN, an exact name, or a prefix of exactly one name. An exact
 * name is one DescribeExecution on the ARN it has; only when there is no such execution are the
 * executions listed for names that start with it (after a large batch that is many pages).
 * Throws ExecutionNotFoundError (with the candidates when the prefix is ambiguous), and
 * ForeignExecutionError for an ARN of another state machine.
 */
export async function resolveExecution(
  sfn: SFNClient,
  stateMachineArn: string,
  ref: string,
): Promise<DescribeExecutionOutput> {
  const { DescribeExecutionCommand, ExecutionDoesNotExist } = await import("@aws-sdk/client-sfn");
  const describe = async (arn: string): Promise<DescribeExecutionOutput | undefined> => {
    try {
      return await sfn.send(new DescribeExecutionCommand({ executionArn: arn }));
    } catch (error) {
      if (error instanceof ExecutionDoesNotExist || (error as Error).name === "InvalidArn") {
        return undefined;
      }
      throw error;
    }
  };

  if (ref.startsWith("arn:")) {
    const owner = stateMachineArnOfExecution(ref);
    if (owner !== undefined && owner !== stateMachineArn) {
      const theirs = owner.split(":").at(-1) ?? owner;
      const ours = stateMachineArn.split(":").at(-1) ?? stateMachineArn;
      const stage = /^contabanco-([a-z0-9-]+)$/.exec(theirs)?.[1];
      throw new ForeignExecutionError(
        `a execução ${ref} é da máquina de estados ${theirs}, não de ${ours} (a deste estágio)` +
          (stage ? `; para vê-la, use --stage ${stage}` : ""),
      );
    }
    const found = await describe(ref);
    if (!found) throw new ExecutionNotFoundError(`a execução ${ref} não existe`);
    return found;
  }

  const exactArn = couldBeName(ref) ? executionArnOf(stateMachineArn, ref) : undefined;
  if (exactArn) {
    const exact = await describe(exactArn);
    if (exact) return exact;
  }
  const matches = (await listExecutions(sfn, stateMachineArn)).filter((e) =>
    e.name?.startsWith(ref),
  );
  if (matches.length === 0) {
    throw new ExecutionNotFoundError(`nenhuma execução se chama ou começa com "${ref}"`);
  }
  if (matches.length > 1) {
    throw new ExecutionNotFoundError(
      `"${ref}" é o começo de ${matches.length} execuções; use um nome mais longo`,
      matches.map((e) => e.name ?? ""),
    );
  }
  const found = await describe(matches[0].executionArn ?? "");
  if (!found) throw new ExecutionNotFoundError(`a execução ${ref} não existe`);
  return found;
}

/** Reads the whole history, page by page (nextToken), oldest first. */
export async function readHistory(
  sfn: SFNClient,
  executionArn: string,
  options: { pageSize?: number } = {},
): Promise<HistoryEvent[]> {
  const { GetExecutionHistoryCommand } = await import("@aws-sdk/client-sfn");
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const out = await sfn.send(
      new GetExecutionHistoryCommand({
        executionArn,
        maxResults: options.pageSize ?? 1000,
        nextToken,
      }),
    );
    events.push(...(out.events ?? []));
    nextToken = out.nextToken;
  } while (nextToken);
  return events;
}

/** The newest history events, newest first (one reverse-order page of `count`). */
export async function latestEvents(
  sfn: SFNClient,
  executionArn: string,
  count = 10,
): Promise<HistoryEvent[]> {
  const { GetExecutionHistoryCommand } = await import("@aws-sdk/client-sfn");
  const out = await sfn.send(
    new GetExecutionHistoryCommand({ executionArn, maxResults: count, reverseOrder: true }),
  );
  return out.events ?? [];
}

/**
 * The state most recently entered or exited among newest-first events (undefined when none is):
 * the last page of a finished execution may hold no StateEntered (`…Exited`, then the end).
 */
export function latestStateName(newestFirst: HistoryEvent[]): string | undefined {
  for (const e of newestFirst) {
    if (e.type?.endsWith("StateEntered")) return e.stateEnteredEventDetails?.name;
    if (e.type?.endsWith("StateExited")) return e.stateExitedEventDetails?.name;
  }
  return undefined;
}

/**
 * The definition the execution ran: DescribeStateMachineForExecution, or the machine's current
 * definition when the target does not offer that action.
 */
export async function definitionForExecution(
  sfn: SFNClient,
  execution: DescribeExecutionOutput,
): Promise<string> {
  const { DescribeStateMachineForExecutionCommand, DescribeStateMachineCommand } = await import(
    "@aws-sdk/client-sfn"
  );
  try {
    const out = await sfn.send(
      new DescribeStateMachineForExecutionCommand({ executionArn: execution.executionArn }),
    );
    if (out.definition) return out.definition;
  } catch (error) {
    const name = (error as Error).name;
    if (name !== "UnknownOperationException" && name !== "UnsupportedOperation") throw error;
  }
  const out = await sfn.send(
    new DescribeStateMachineCommand({ stateMachineArn: execution.stateMachineArn }),
  );
  return out.definition ?? "{}";
}

export const TERMINAL = new Set(["SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED"]);
