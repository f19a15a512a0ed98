// The contaBanco Lambda: validates and normalizes the account the state machine sends and returns
// the record to store. On invalid input it throws an Error named ContaInvalida: the Node.js runtime
// reports `error.name` as errorType, and Step Functions surfaces errorType as the task's error name
// ("ContaInvalida"), which the workflow's Catch matches.
// "The name property of the Error object must match the ErrorEquals value":
// https://docs.aws.amazon.com/step-functions/latest/dg/tutorial-handling-error-conditions.html
import {
  type Account,
  type AccountInput,
  type FieldError,
  validateAccount,
} from "../domain/index.js";

export interface ContaBancoEvent extends AccountInput {
  /** Execution ARN, from `$states.context.Execution.Id`. */
  execucao?: unknown;
  /** ISO-8601 instant; defaults to now. */
  criadoEm?: unknown;
}

export type ContaRecord = Account & { criadoEm: string; execucao?: string };

/** The slice of the Lambda context this handler reads. */
export interface ContaBancoContext {
  awsRequestId?: string;
}

export class ContaInvalida extends Error {
  override readonly name = "ContaInvalida";
  readonly errors: readonly FieldError[];
  /** `errors` are the account's fields; `others` are lines about the event's other fields. */
  constructor(errors: readonly FieldError[], others: readonly string[] = []) {
    const lines = [...errors.map((e) => `${e.campo}: ${e.mensagem}`), ...others];
    super(`Conta inválida: ${lines.join("; ")}`);
    this.errors = errors;
  }
}

const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-](\d{2}):(\d{2}))$/;

/** An ISO-8601 instant with a zone ("…Z" or "…-03:00") as UTC, or undefined (2026-02-30 too). */
export function parseInstant(value: string): string | undefined {
  const m = ISO_INSTANT.exec(value);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number);
  // Date.UTC rolls over (Feb 30 → Mar 2): a field that changed was out of range.
  const local = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  const same =
    local.getUTCFullYear() === y &&
    local.getUTCMonth() === mo - 1 &&
    local.getUTCDate() === d &&
    local.getUTCHours() === h &&
    local.getUTCMinutes() === mi &&
    local.getUTCSeconds() === s;
  if (!same || (m[9] !== undefined && (Number(m[9]) > 23 || Number(m[10]) > 59))) return undefined;
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? undefined : parsed.toISOString();
}

/** The record for an event, at `now` unless the event carries `criadoEm`. */
export function buildRecord(
  event: ContaBancoEvent,
  now: () => Date = () => new Date(),
): ContaRecord {
  if (event === null || typeof event !== "object" || Array.isArray(event)) {
    throw new ContaInvalida([], ["evento: deve ser um objeto JSON com os campos da conta"]);
  }
  const result = validateAccount(event);
  const extra: string[] = [];
  let criadoEm = now().toISOString();
  if (event.criadoEm !== undefined && event.criadoEm !== null) {
    const parsed = typeof event.criadoEm === "string" ? parseInstant(event.criadoEm) : undefined;
    if (parsed === undefined) {
      extra.push("criadoEm: deve ser um instante ISO-8601 (ex.: 2026-01-31T12:00:00Z)");
    } else criadoEm = parsed;
  }
  let execucao: string | undefined;
  if (event.execucao !== undefined && event.execucao !== null) {
    if (typeof event.execucao === "string" && event.execucao !== "") execucao = event.execucao;
    else extra.push("execucao: deve ser o ARN da execução");
  }
  if (!result.ok || extra.length > 0)
    throw new ContaInvalida(result.ok ? [] : result.errors, extra);
  return execucao === undefined
    ? { ...result.account, criadoEm }
    : { ...result.account, criadoEm, execucao };
}

export async function handler(
  event: ContaBancoEvent,
  _context?: ContaBancoContext,
): Promise<ContaRecord> {
  return buildRecord(event);
}
