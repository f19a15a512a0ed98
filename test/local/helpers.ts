// Test helpers: an engine on a free port over a fresh temp data directory.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type RunningServer, startServer } from "../../src/local/server.js";

export const credentials = { accessKeyId: "test", secretAccessKey: "test" };
export const region = "us-east-1";

export function tempHome(): { home: string; cleanup(): void } {
  const home = mkdtempSync(join(tmpdir(), "contabanco-local-"));
  return { home, cleanup: () => rmSync(home, { recursive: true, force: true }) };
}

export async function startEngine(home: string): Promise<RunningServer> {
  return startServer({
    port: 0,
    home,
    log: process.env.CONTABANCO_LOCAL_TRACE ? (l) => console.log(l) : undefined,
  });
}

/** A raw HTTP call to the engine. */
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

/** An Authorization header carrying the credential scope of `service` (signature not checked). */
export function scopeAuth(service: string): string {
  return `AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=00`;
}
