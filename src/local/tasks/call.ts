// Calling one of the engine's own services in-process: a LocalRequest handed straight to the
// service's handler (no socket, no HTTP parsing, no signing), the LocalResponse read back.
import { StatesError } from "../../asl/index.js";
import { requestId } from "../errors.js";
import type { EngineContext, LocalRequest, LocalResponse } from "../types.js";

export interface InProcessRequest {
  method: string;
  path: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: string | Buffer;
  target?: string;
}

/** A service is missing from this engine: the execution fails with States.Runtime. */
export function unavailable(service: string): StatesError {
  return new StatesError(
    "States.Runtime",
    `O serviço "${service}" não está disponível no motor local.`,
  );
}

export async function callService(
  ctx: EngineContext,
  service: string,
  r: InProcessRequest,
): Promise<LocalResponse> {
  const handler = Object.hasOwn(ctx.services, service) ? ctx.services[service] : undefined;
  if (!handler) throw unavailable(service);
  const query = new URLSearchParams(r.query ?? {});
  const headers: Record<string, string> = {
    host: new URL(ctx.endpoint || "http://127.0.0.1").host,
    "x-amz-date": new Date().toISOString().replace(/[-:]|\.\d{3}/g, ""),
    "amz-sdk-invocation-id": requestId(),
    ...(r.headers ?? {}),
  };
  if (r.target) headers["x-amz-target"] = r.target;
  const req: LocalRequest = {
    service,
    region: ctx.defaultRegion,
    accessKeyId: "states",
    method: r.method,
    path: r.path,
    rawPath: r.path
      .split("/")
      .map((s) => encodeURIComponent(s))
      .join("/"),
    query,
    headers,
    body: r.body === undefined ? Buffer.alloc(0) : Buffer.from(r.body),
    target: r.target,
    host: headers.host,
  };
  return handler.handle(req, ctx);
}

export function bodyText(res: LocalResponse): string {
  if (res.body === undefined) return "";
  return typeof res.body === "string" ? res.body : res.body.toString("utf8");
}

export function requestIdOf(res: LocalResponse): string {
  const h = res.headers ?? {};
  for (const [k, v] of Object.entries(h)) {
    const key = k.toLowerCase();
    if (key === "x-amzn-requestid" || key === "x-amz-request-id") return v;
  }
  return requestId();
}
