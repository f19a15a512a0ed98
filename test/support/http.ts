// Raw HTTP to the engine, below the SDKs: for the protocol, routing and fuzz tests.
import { type Agent, request } from "node:http";

/** An Authorization header carrying the credential scope of `service` (signature not checked). */
export function scopeAuth(service: string): string {
  return `AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=00`;
}

/** A raw HTTP call to the engine (fetch). */
export async function raw(
  url: string,
  init: { method?: string; path?: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; headers: Headers; text: string }> {
  const res = await fetch(url + (init.path ?? "/"), {
    method: init.method ?? "POST",
    headers: init.headers,
    body: init.body,
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

export interface RawRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface RawReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * Sends exactly what it is given (node:http, not fetch: any method, path and header), with the
 * body framed by Content-Length — Node sends DELETE/OPTIONS bodies unframed otherwise. A request
 * left unanswered for `timeoutMs` fails.
 */
export function sendRaw(
  port: number,
  r: RawRequest,
  agent: Agent,
  timeoutMs = 10_000,
): Promise<RawReply> {
  const headers = { ...r.headers, "content-length": String(Buffer.byteLength(r.body)) };
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port,
        method: r.method,
        path: r.path,
        headers,
        agent,
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
      },
    );
    req.on("timeout", () => req.destroy(new Error(`sem resposta: ${r.method} ${r.path}`)));
    req.on("error", reject);
    req.end(r.body);
  });
}

/**
 * An AWS error in one of the wire formats. A HEAD reply has no body, so it must carry the
 * headers AWS sends with every error: S3's x-amz-request-id and x-amz-id-2, or the JSON
 * protocols' x-amzn-ErrorType, or x-amzn-RequestId (awsQuery).
 */
export function awsShaped(method: string, r: Pick<RawReply, "headers" | "body">): boolean {
  if (method === "HEAD") {
    if (r.body !== "") return false;
    return Boolean(
      (r.headers["x-amz-request-id"] && r.headers["x-amz-id-2"]) ||
        r.headers["x-amzn-errortype"] ||
        r.headers["x-amzn-requestid"],
    );
  }
  if (r.headers["x-amzn-errortype"]) return true;
  const text = r.body.trim();
  if (/^(<\?xml[^>]*>\s*)?<(Error|ErrorResponse)\b[\s\S]*<Code>[^<]+<\/Code>/.test(text))
    return true;
  if (text === "<UnknownOperationException/>") return true;
  try {
    const json = JSON.parse(text) as Record<string, unknown>;
    return typeof json.__type === "string" || typeof json.code === "string";
  } catch {
    return false;
  }
}

/**
 * A deep fuzz run (CONTABANCO_FUZZ_RUNS set) may take long: its test's timeout; the default
 * (undefined) otherwise.
 */
export const FUZZ_TIMEOUT = process.env.CONTABANCO_FUZZ_RUNS ? 3_600_000 : undefined;

/** fast-check runs for a fuzz property: `n` by default (CI), CONTABANCO_FUZZ_RUNS to dig deeper. */
export function fuzzRuns(n: number): number {
  const env = Number(process.env.CONTABANCO_FUZZ_RUNS);
  return Number.isInteger(env) && env > 0 ? env : n;
}
