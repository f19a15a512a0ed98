// Reading registered accounts from the table: by id (GetItem), by documento (Query on the GSI,
// never a Scan), by banco and a page of all (Scan — there is no index on banco; the table is read
// page by page with a continuation token, so a large table never comes back in one go).
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

/** A stored account record (the normalized account plus criadoEm and execucao). */
export type AccountRecord = Record<string, unknown> & { id: string };

export interface Page {
  items: AccountRecord[];
  /** Pass back as `token` to read the next page; absent on the last page. */
  next?: string;
}

export interface PageOptions {
  limit: number;
  token?: string;
}

/** A continuation token the user got wrong (not one this module produced). */
export class TokenError extends Error {
  override name = "TokenError";
}

/** base64url of the LastEvaluatedKey (the table's key: `{ id }`). */
export function encodeToken(key: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(key), "utf8").toString("base64url");
}

export function decodeToken(token: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
  } catch {
    throw new TokenError(`token de continuação inválido: "${token}"`);
  }
  if (
    typeof value !== "object" ||
    value === null ||
    Array.isArray(value) ||
    typeof (value as { id?: unknown }).id !== "string"
  ) {
    throw new TokenError(`token de continuação inválido: "${token}"`);
  }
  return value as Record<string, unknown>;
}

export async function getAccount(
  doc: DynamoDBDocumentClient,
  table: string,
  id: string,
): Promise<AccountRecord | undefined> {
  const { GetCommand } = await import("@aws-sdk/lib-dynamodb");
  const out = await doc.send(new GetCommand({ TableName: table, Key: { id } }));
  return out.Item as AccountRecord | undefined;
}

/** Every account of a CPF/CNPJ (normalized first), through the documento index, all pages. */
export async function findByDocumento(
  doc: DynamoDBDocumentClient,
  table: string,
  indexName: string,
  documento: string,
): Promise<AccountRecord[]> {
  const { QueryCommand } = await import("@aws-sdk/lib-dynamodb");
  // Loaded here, not at the top: only this lookup needs the documento rules (and their library).
  const { normalizeDocumento } = await import("../domain/documento.js");
  const items: AccountRecord[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await doc.send(
      new QueryCommand({
        TableName: table,
        IndexName: indexName,
        KeyConditionExpression: "documento = :d",
        ExpressionAttributeValues: { ":d": normalizeDocumento(documento) },
        ExclusiveStartKey: start,
      }),
    );
    items.push(...((out.Items ?? []) as AccountRecord[]));
    start = out.LastEvaluatedKey;
  } while (start);
  return items.sort((a, b) => a.id.localeCompare(b.id));
}

/** "1" → "001"; undefined when it is not a 1–3 digit code (the domain's rule for banco). */
export function normalizeBanco(banco: string): string | undefined {
  const trimmed = banco.trim();
  return /^\d{1,3}$/.test(trimmed) ? trimmed.padStart(3, "0") : undefined;
}

/**
 * One page of a Scan, optionally filtered. A filtered Scan applies `Limit` before the filter
 * (DynamoDB developer guide, "Filter expressions for Scan"), so pages are read until `limit`
 * matches are found; the token is then the key of the last record returned, which is a valid
 * ExclusiveStartKey for a table Scan.
 */
async function scanPage(
  doc: DynamoDBDocumentClient,
  table: string,
  options: PageOptions,
  filter?: { expression: string; values: Record<string, unknown> },
): Promise<Page> {
  const { ScanCommand } = await import("@aws-sdk/lib-dynamodb");
  const items: AccountRecord[] = [];
  let start = options.token ? decodeToken(options.token) : undefined;
  let more = true;
  while (items.length < options.limit && more) {
    const out = await doc.send(
      new ScanCommand({
        TableName: table,
        Limit: filter ? Math.max(options.limit, 100) : options.limit - items.length,
        ExclusiveStartKey: start,
        ...(filter
          ? { FilterExpression: filter.expression, ExpressionAttributeValues: filter.values }
          : {}),
      }),
    );
    const page = (out.Items ?? []) as AccountRecord[];
    const room = options.limit - items.length;
    if (page.length > room) {
      // Cut inside the page: continue right after the last record we hand out.
      items.push(...page.slice(0, room));
      return { items, next: encodeToken({ id: items[items.length - 1].id }) };
    }
    items.push(...page);
    start = out.LastEvaluatedKey;
    more = start !== undefined;
  }
  return more && start ? { items, next: encodeToken(start) } : { items };
}

/** A page of every account, in the table's order. */
export function listAccounts(
  doc: DynamoDBDocumentClient,
  table: string,
  options: PageOptions,
): Promise<Page> {
  return scanPage(doc, table, options);
}

/** A page of the accounts of one bank (COMPE code, normalized to 3 digits). */
export function findByBanco(
  doc: DynamoDBDocumentClient,
  table: string,
  banco: string,
  options: PageOptions,
): Promise<Page> {
  return scanPage(doc, table, options, {
    expression: "banco = :b",
    values: { ":b": normalizeBanco(banco) ?? banco },
  });
}
