// restJson1: operation chosen by method + path template; JSON bodies.
// Errors: x-amzn-ErrorType header + {"message"} (Glacier: {"code","message","type"}).
import { AwsError, requestId, toAwsError } from "../errors.js";
import type { EngineContext, LocalRequest, LocalResponse, Service } from "../types.js";
import { jsonErrorWithBody } from "./json.js";

export interface RestRoute {
  method: string;
  /** e.g. "/{accountId}/vaults/{vaultName}/access-policy"; a trailing "+" takes the rest. */
  path: string;
  operation: string;
}

export interface RouteMatch {
  operation: string;
  params: Record<string, string>;
}

interface Compiled {
  route: RestRoute;
  parts: string[];
}

/** A matcher over route templates. Returns "method" when the path exists under another method. */
export function compileRoutes(
  routes: RestRoute[],
): (method: string, path: string) => RouteMatch | "method" | undefined {
  const compiled: Compiled[] = routes.map((route) => ({
    route,
    parts: route.path.split("/").filter((p) => p !== ""),
  }));
  return (method, path) => {
    const segs = path.split("/").filter((p) => p !== "");
    let pathMatched = false;
    for (const c of compiled) {
      const params = matchParts(c.parts, segs);
      if (!params) continue;
      if (c.route.method !== method) {
        pathMatched = true;
        continue;
      }
      return { operation: c.route.operation, params };
    }
    return pathMatched ? "method" : undefined;
  };
}

function matchParts(parts: string[], segs: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (p.startsWith("{") && p.endsWith("+}")) {
      if (i >= segs.length) return undefined;
      params[p.slice(1, -2)] = segs.slice(i).join("/");
      return params;
    }
    if (i >= segs.length) return undefined;
    if (p.startsWith("{") && p.endsWith("}")) params[p.slice(1, -1)] = segs[i];
    else if (p !== segs[i]) return undefined;
  }
  return parts.length === segs.length ? params : undefined;
}

/** The JSON body of a request, `undefined` when empty. Malformed → SerializationException. */
export function parseRestJsonBody(req: LocalRequest): Record<string, unknown> | undefined {
  const text = req.body.toString("utf8").trim();
  if (text === "") return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new AwsError("SerializationException", "Could not parse request body into json.");
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new AwsError("SerializationException", "Could not parse request body into json.");
  }
  return parsed as Record<string, unknown>;
}

export function restJsonResponse(
  status: number,
  data?: unknown,
  headers: Record<string, string> = {},
): LocalResponse {
  const base: Record<string, string> = { "x-amzn-requestid": requestId(), ...headers };
  if (data === undefined) return { status, headers: { ...base, "content-length": "0" }, body: "" };
  return {
    status,
    headers: { "content-type": "application/json", ...base },
    body: JSON.stringify(data),
  };
}

export type RestJsonErrorStyle = "default" | "glacier";

export function restJsonErrorResponse(
  err: unknown,
  style: RestJsonErrorStyle = "default",
): LocalResponse {
  const e = toAwsError(
    err,
    style === "glacier" ? "ServiceUnavailableException" : "ServiceException",
  );
  const body =
    style === "glacier"
      ? {
          code: e.code,
          message: e.message,
          type: e.status >= 500 ? "Server" : "Client",
          ...e.extra,
        }
      : { message: e.message, ...e.extra };
  return jsonErrorWithBody(e, body, "application/json");
}

export type RestJsonHandler = (
  ctx: EngineContext,
  params: Record<string, string>,
  req: LocalRequest,
) => Promise<LocalResponse>;

export interface RestJsonServiceOptions {
  name: string;
  routes: RestRoute[];
  handlers: Record<string, RestJsonHandler>;
  errorStyle?: RestJsonErrorStyle;
  start?(ctx: EngineContext): Promise<void>;
  stop?(): Promise<void>;
}

/** A Service speaking restJson1 over a route table; every failure becomes an AWS-shaped error. */
export function restJsonService(opts: RestJsonServiceOptions): Service {
  const match = compileRoutes(opts.routes);
  return {
    name: opts.name,
    start: opts.start,
    stop: opts.stop,
    async handle(req, ctx) {
      try {
        const m = match(req.method, req.path);
        if (m === undefined) {
          throw new AwsError("UnknownOperationException", "Unknown operation", 404);
        }
        if (m === "method") {
          throw new AwsError("MethodNotAllowedException", "Method not allowed", 405);
        }
        const handler = Object.hasOwn(opts.handlers, m.operation)
          ? opts.handlers[m.operation]
          : undefined;
        if (!handler) throw new AwsError("UnknownOperationException", "Unknown operation", 404);
        return await handler(ctx, m.params, req);
      } catch (err) {
        return restJsonErrorResponse(err, opts.errorStyle);
      }
    },
  };
}
