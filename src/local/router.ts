// Which service a request is for: the SigV4 credential scope first (Authorization header or the
// presigned X-Amz-Credential query parameter), then hints for unsigned requests.
import type { WireProtocol } from "./types.js";

export interface CredentialScope {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
}

/** `Credential=KEY/DATE/REGION/SERVICE/aws4_request` from an Authorization header or query. */
export function credentialScope(
  authorization: string | undefined,
  query: URLSearchParams,
): CredentialScope | undefined {
  let credential: string | undefined;
  if (authorization) {
    const m = /Credential=([^,\s]+)/.exec(authorization);
    if (m) credential = m[1];
  }
  if (!credential) credential = query.get("X-Amz-Credential") ?? undefined;
  if (!credential) return undefined;
  const parts = credential.split("/");
  if (parts.length < 5) return undefined;
  // The access key id itself may not contain "/", but be lenient: the last four are the scope.
  const n = parts.length;
  return {
    accessKeyId: parts.slice(0, n - 4).join("/"),
    date: parts[n - 4],
    region: parts[n - 3],
    service: parts[n - 2],
  };
}

const STS_ACTIONS = new Set([
  "GetCallerIdentity",
  "AssumeRole",
  "GetSessionToken",
  "GetAccessKeyInfo",
  "AssumeRoleWithWebIdentity",
  "AssumeRoleWithSAML",
  "GetFederationToken",
  "DecodeAuthorizationMessage",
]);

/** Best guess for an unsigned request (no credential scope). */
export function guessService(
  method: string,
  path: string,
  headers: Record<string, string>,
  body: Buffer,
): string {
  const target = headers["x-amz-target"];
  if (target) {
    if (target.startsWith("DynamoDB_")) return "dynamodb";
    if (target.startsWith("AWSStepFunctions.")) return "states";
  }
  if (/^\/\d{4}-\d{2}-\d{2}\/functions(\/|$)/.test(path)) return "lambda";
  if (/^\/(-|\d{12})\/vaults(\/|$)/.test(path)) return "glacier";
  const ct = (headers["content-type"] ?? "").toLowerCase();
  if (method === "POST" && ct.startsWith("application/x-www-form-urlencoded")) {
    const action = new URLSearchParams(body.toString("utf8")).get("Action") ?? "";
    return STS_ACTIONS.has(action) ? "sts" : "iam";
  }
  if (ct.startsWith("application/x-amz-json")) return "dynamodb";
  return "s3";
}

/** The wire protocol of each known service (for errors raised outside a service). */
export const SERVICE_PROTOCOLS: Record<string, WireProtocol> = {
  dynamodb: "awsJson1_0",
  states: "awsJson1_0",
  s3: "restXml",
  s3express: "restXml",
  glacier: "restJson1",
  lambda: "restJson1",
  sts: "awsQuery",
  iam: "awsQuery",
};
