// What every deploy step shares: the context it runs in and the shape of its plan.
import type { Clients } from "../clients.js";
import type { Config } from "../config.js";
import type { ResourceNames } from "../definition.js";

/** The kinds of resource deploy manages, as they appear in `--json` (stable keys). */
export type ResourceKind =
  | "bucket"
  | "tabela"
  | "cofre"
  | "papel-lambda"
  | "papel-sfn"
  | "funcao"
  | "maquina-de-estados";

/** What deploy will do (or did) to a resource. */
export type Action = "criar" | "atualizar" | "sem mudança";

/** Where deploy runs: names, account and the options the user chose. */
export interface DeployContext {
  config: Config;
  clients: Clients;
  names: ResourceNames;
  accountId: string;
  partition: string;
  /** The Lambda deployment package (zip bytes). */
  zip: Buffer;
  /** Deploy without the Glacier vault (and without the workflow's vault check). */
  withoutVault: boolean;
  /** Waits between retries and polls, in ms; tests and the local target keep them short. */
  sleep: (ms: number) => Promise<void>;
}

/** The plan for one resource, from describing what exists. */
export interface Planned {
  acao: Action;
  /** What changes, in pt-BR (empty for criar and sem mudança). */
  mudancas: string[];
  arn: string;
}

/** One resource deploy manages: how to describe it and how to bring it to the wanted state. */
export interface ResourceStep {
  tipo: ResourceKind;
  nome: string;
  plan(ctx: DeployContext): Promise<Planned>;
  /** Creates or updates; returns the resource's ARN. Only called when the plan is not `sem mudança`. */
  apply(ctx: DeployContext, planned: Planned): Promise<string>;
}

/** One line of the result (the `--json` shape). */
export interface ResourceResult {
  tipo: ResourceKind;
  nome: string;
  arn: string;
  acao: Action;
  mudancas: string[];
}

/** An AWS SDK error, as far as deploy looks at it. */
export interface SdkError {
  name?: string;
  Code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

export function errorName(error: unknown): string {
  const e = error as SdkError;
  return e?.name ?? e?.Code ?? "";
}

export function httpStatus(error: unknown): number | undefined {
  return (error as SdkError)?.$metadata?.httpStatusCode;
}

/** Canonical JSON: keys sorted, so that two equal documents compare equal as strings. */
export function canonical(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}
