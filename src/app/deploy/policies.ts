// The ARNs of one deployment and the IAM documents deploy writes: least privilege, nothing more.
// The state machine may create sessions on its bucket, invoke its function, update its table and
// read its vault's access policy; the Lambda may only write its own logs. The vault's access
// policy denies glacier:DeleteArchive to everyone (retention).
import type { ResourceNames } from "../definition.js";
import { canonical } from "./types.js";

export const POLICY_VERSION = "2012-10-17";
/** The inline policy name on both roles. */
export const INLINE_POLICY_NAME = "contabanco";

export interface Statement {
  Sid?: string;
  Effect: "Allow" | "Deny";
  Principal?: unknown;
  Action: string | string[];
  Resource?: string | string[];
}

export interface PolicyDocument {
  Version: string;
  Statement: Statement[];
}

export interface Arns {
  bucket: string;
  table: string;
  vault: string;
  functionArn: string;
  sfnRole: string;
  lambdaRole: string;
  stateMachine: string;
  logGroup: string;
}

export function arnsFor(names: ResourceNames, accountId: string, partition: string): Arns {
  const { region } = names;
  const base = (service: string, resource: string, regional = true) =>
    `arn:${partition}:${service}:${regional ? region : ""}:${accountId}:${resource}`;
  return {
    // S3 Express: arn:aws:s3express:region:account:bucket/name (S3 user guide, directory buckets).
    bucket: base("s3express", `bucket/${names.bucket}`),
    table: base("dynamodb", `table/${names.table}`),
    vault: base("glacier", `vaults/${names.vault}`),
    functionArn: base("lambda", `function:${names.functionName}`),
    sfnRole: base("iam", `role/${names.sfnRole}`, false),
    lambdaRole: base("iam", `role/${names.lambdaRole}`, false),
    stateMachine: base("states", `stateMachine:${names.stateMachine}`),
    logGroup: base("logs", `log-group:/aws/lambda/${names.functionName}`),
  };
}

/** Who may assume a role: one AWS service. */
export function trustPolicy(service: "states.amazonaws.com" | "lambda.amazonaws.com") {
  return {
    Version: POLICY_VERSION,
    Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }],
  } satisfies PolicyDocument;
}

/** What the state machine's role may do. Without the vault, no Glacier permission at all. */
export function stateMachinePolicy(arns: Arns, withVault: boolean): PolicyDocument {
  const statements: Statement[] = [
    {
      Sid: "SessaoNoBucket",
      Effect: "Allow",
      Action: "s3express:CreateSession",
      Resource: arns.bucket,
    },
    {
      Sid: "InvocarFuncao",
      Effect: "Allow",
      Action: "lambda:InvokeFunction",
      Resource: [arns.functionArn, `${arns.functionArn}:*`],
    },
    { Sid: "GravarConta", Effect: "Allow", Action: "dynamodb:UpdateItem", Resource: arns.table },
  ];
  if (withVault) {
    statements.push({
      Sid: "LerPoliticaDoCofre",
      Effect: "Allow",
      Action: "glacier:GetVaultAccessPolicy",
      Resource: arns.vault,
    });
  }
  return { Version: POLICY_VERSION, Statement: statements };
}

/** What the Lambda's role may do: write its own log group, nothing else. */
export function lambdaPolicy(arns: Arns): PolicyDocument {
  return {
    Version: POLICY_VERSION,
    Statement: [
      {
        Sid: "CriarGrupoDeLogs",
        Effect: "Allow",
        Action: "logs:CreateLogGroup",
        Resource: `${arns.logGroup}:*`,
      },
      {
        Sid: "EscreverLogs",
        Effect: "Allow",
        Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
        Resource: `${arns.logGroup}:log-stream:*`,
      },
    ],
  };
}

/** The vault's access policy: nobody may delete an archive (retention). */
export function vaultPolicy(arns: Arns): PolicyDocument {
  return {
    Version: POLICY_VERSION,
    Statement: [
      {
        Sid: "RetencaoNegaExclusao",
        Effect: "Deny",
        Principal: "*",
        Action: "glacier:DeleteArchive",
        Resource: arns.vault,
      },
    ],
  };
}

/** IAM returns policy documents URL-encoded (RFC 3986); other sources give plain JSON. */
export function parsePolicy(document: string | undefined): unknown {
  if (!document) return undefined;
  const text = document.trimStart().startsWith("{") ? document : decodeURIComponent(document);
  return JSON.parse(text);
}

function asSortedList(value: unknown): unknown {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return [...value].map(String).sort();
  return value;
}

/**
 * A policy in a comparable form: a single value and a one-element list are the same, list order
 * does not matter, and `"Principal": "*"` means `{"AWS": "*"}` (IAM user guide, "AWS JSON policy
 * elements: Principal"). Services may hand a document back in either form.
 */
export function normalizePolicy(document: unknown): unknown {
  if (!document || typeof document !== "object") return document;
  const doc = document as { Statement?: unknown };
  const statements = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
  return {
    ...doc,
    Statement: statements.map((raw) => {
      const statement = { ...(raw as Record<string, unknown>) };
      for (const key of ["Action", "NotAction", "Resource", "NotResource"]) {
        if (key in statement) statement[key] = asSortedList(statement[key]);
      }
      for (const key of ["Principal", "NotPrincipal"]) {
        const principal = statement[key];
        if (principal === "*") statement[key] = { AWS: ["*"] };
        else if (principal && typeof principal === "object") {
          statement[key] = Object.fromEntries(
            Object.entries(principal).map(([k, v]) => [k, asSortedList(v)]),
          );
        }
      }
      return statement;
    }),
  };
}

/** Whether two policy documents say the same thing (see normalizePolicy). */
export function samePolicy(a: unknown, b: unknown): boolean {
  return canonical(normalizePolicy(a)) === canonical(normalizePolicy(b));
}
