// Optional strict SigV4 verification against configured keys (and S3 Express session keys).
// https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { AwsError } from "./errors.js";
import { SERVICE_PROTOCOLS } from "./router.js";
import type { LocalRequest } from "./types.js";

/** Secret access keys by access key id. */
export type KeyRing = Record<string, string>;

/** `id:secret,id:secret` (CONTABANCO_LOCAL_CREDENTIALS) → KeyRing; undefined when empty. */
export function parseKeyRing(text: string | undefined): KeyRing | undefined {
  if (!text?.trim()) return undefined;
  const ring: KeyRing = {};
  for (const pair of text.split(",")) {
    const i = pair.indexOf(":");
    if (i > 0) ring[pair.slice(0, i).trim()] = pair.slice(i + 1).trim();
  }
  return Object.keys(ring).length > 0 ? ring : undefined;
}

const sha256 = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");
const hmac = (key: Buffer | string, data: string) =>
  createHmac("sha256", key).update(data).digest();

/** RFC 3986 encoding, as SigV4 wants it. */
function rfc3986(s: string): string {
  return encodeURIComponent(s).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function isS3(service: string): boolean {
  return service === "s3" || service === "s3express";
}

function canonicalUri(req: LocalRequest): string {
  const raw = req.rawPath || "/";
  if (isS3(req.service)) return raw;
  // Other services sign the path encoded twice: each already-encoded segment encoded again.
  return raw
    .split("/")
    .map((seg) => rfc3986(seg))
    .join("/");
}

function canonicalQuery(query: URLSearchParams): string {
  const pairs: [string, string][] = [];
  for (const [k, v] of query) if (k !== "X-Amz-Signature") pairs.push([rfc3986(k), rfc3986(v)]);
  pairs.sort((a, b) =>
    a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0,
  );
  return pairs.map(([k, v]) => `${k}=${v}`).join("&");
}

interface Signed {
  accessKeyId: string;
  scope: string;
  date: string;
  signedHeaders: string[];
  signature: string;
  amzDate: string;
  presigned: boolean;
}

function signedParts(req: LocalRequest): Signed | undefined {
  const auth = req.headers.authorization;
  if (auth?.startsWith("AWS4-HMAC-SHA256")) {
    const cred = /Credential=([^,\s]+)/.exec(auth)?.[1];
    const headers = /SignedHeaders=([^,\s]+)/.exec(auth)?.[1];
    const signature = /Signature=([0-9a-f]+)/.exec(auth)?.[1];
    if (!cred || !headers || !signature) return undefined;
    const parts = cred.split("/");
    return {
      accessKeyId: parts[0],
      scope: parts.slice(1).join("/"),
      date: parts[1],
      signedHeaders: headers.split(";"),
      signature,
      amzDate: req.headers["x-amz-date"] ?? "",
      presigned: false,
    };
  }
  const cred = req.query.get("X-Amz-Credential");
  if (req.query.get("X-Amz-Algorithm") === "AWS4-HMAC-SHA256" && cred) {
    const parts = cred.split("/");
    return {
      accessKeyId: parts[0],
      scope: parts.slice(1).join("/"),
      date: parts[1],
      signedHeaders: (req.query.get("X-Amz-SignedHeaders") ?? "host").split(";"),
      signature: req.query.get("X-Amz-Signature") ?? "",
      amzDate: req.query.get("X-Amz-Date") ?? "",
      presigned: true,
    };
  }
  return undefined;
}

function failure(
  service: string,
  kind: "missing" | "unknown-key" | "mismatch" | "expired",
): AwsError {
  const protocol = SERVICE_PROTOCOLS[service];
  if (isS3(service)) {
    if (kind === "missing") return new AwsError("AccessDenied", "Access Denied", 403);
    if (kind === "unknown-key") {
      return new AwsError(
        "InvalidAccessKeyId",
        "The AWS Access Key Id you provided does not exist in our records.",
        403,
      );
    }
    if (kind === "expired") return new AwsError("AccessDenied", "Request has expired", 403);
    return new AwsError(
      "SignatureDoesNotMatch",
      "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
      403,
    );
  }
  // The awsJson services (DynamoDB, Step Functions) answer authentication failures with 400, as
  // every client error of theirs ("HTTP status code 400", Error handling with DynamoDB); Lambda,
  // Glacier (restJson1) and the awsQuery services with 403.
  const json = protocol === "awsJson1_0";
  const status = json ? 400 : 403;
  if (kind === "missing") {
    return json
      ? new AwsError(
          "MissingAuthenticationTokenException",
          "Request is missing Authentication Token",
          400,
        )
      : new AwsError("MissingAuthenticationToken", "Missing Authentication Token", 403);
  }
  if (kind === "unknown-key") {
    const code = protocol === "awsQuery" ? "InvalidClientTokenId" : "UnrecognizedClientException";
    return new AwsError(code, "The security token included in the request is invalid.", status);
  }
  if (kind === "expired")
    return new AwsError("InvalidSignatureException", "Signature expired", status);
  const code = protocol === "awsQuery" ? "SignatureDoesNotMatch" : "InvalidSignatureException";
  return new AwsError(
    code,
    "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
    status,
  );
}

function amzTime(amzDate: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
  if (!m) return Number.NaN;
  return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
}

/**
 * Checks the request's SigV4 signature against `keys` (plus `extraKeys`, e.g. S3 Express
 * sessions). Returns the AWS error to answer with, or undefined when the signature is valid.
 */
export function verifySignature(
  req: LocalRequest,
  keys: KeyRing,
  extraKeys?: (accessKeyId: string) => string | undefined,
  now = Date.now(),
): AwsError | undefined {
  const signed = signedParts(req);
  if (!signed) return failure(req.service, "missing");
  const secret = Object.hasOwn(keys, signed.accessKeyId)
    ? keys[signed.accessKeyId]
    : extraKeys?.(signed.accessKeyId);
  if (secret === undefined) return failure(req.service, "unknown-key");
  const t = amzTime(signed.amzDate);
  if (Number.isNaN(t)) return failure(req.service, "mismatch");
  if (signed.presigned) {
    const expires = Number(req.query.get("X-Amz-Expires") ?? "604800");
    if (now > t + expires * 1000) return failure(req.service, "expired");
  } else if (Math.abs(now - t) > 15 * 60_000) {
    return failure(req.service, "expired");
  }
  const headerLines = signed.signedHeaders.map((h) => {
    const v = (req.headers[h] ?? "").trim().replace(/\s+/g, " ");
    return `${h}:${v}\n`;
  });
  const payload =
    req.headers["x-amz-content-sha256"] ??
    (signed.presigned && isS3(req.service) ? "UNSIGNED-PAYLOAD" : sha256(req.body));
  const canonical = [
    req.method,
    canonicalUri(req),
    canonicalQuery(req.query),
    headerLines.join(""),
    signed.signedHeaders.join(";"),
    payload,
  ].join("\n");
  const toSign = ["AWS4-HMAC-SHA256", signed.amzDate, signed.scope, sha256(canonical)].join("\n");
  const [date, region, service] = signed.scope.split("/");
  const key = hmac(
    hmac(hmac(hmac(`AWS4${secret}`, date ?? ""), region ?? ""), service ?? ""),
    "aws4_request",
  );
  const expected = createHmac("sha256", key).update(toSign).digest();
  const given = Buffer.from(signed.signature, "hex");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return failure(req.service, "mismatch");
  }
  return undefined;
}
