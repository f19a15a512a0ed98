// The local engine's HTTP server: reads each request, routes it by service, never crashes.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { AwsError } from "./errors.js";
import { engineUrl } from "./host.js";
import { jsonErrorResponse } from "./protocols/json.js";
import { queryErrorResponse } from "./protocols/query.js";
import { restJsonErrorResponse } from "./protocols/rest-json.js";
import { xmlErrorResponse } from "./protocols/rest-xml.js";
import { credentialScope, guessService, SERVICE_PROTOCOLS } from "./router.js";
import { createServices } from "./services/index.js";
import { sessionSecret } from "./services/s3/create-session.js";
import { type KeyRing, parseKeyRing, verifySignature } from "./sigv4.js";
import { acquireLock, EngineError } from "./store.js";
import {
  type EngineContext,
  type EngineIdentity,
  IDENTITY_PATH,
  type LocalRequest,
  type LocalResponse,
  type Service,
} from "./types.js";

export const DEFAULT_PORT = 4599;
export const LOCAL_ACCOUNT_ID = "000000000000";
const MAX_BODY_BYTES = 128 * 1024 * 1024;

export interface StartServerOptions {
  /** 0 picks a free port. Default 4599. */
  port?: number;
  host?: string;
  /** The data directory (CONTABANCO_HOME). */
  home: string;
  region?: string;
  log?: (line: string) => void;
  /**
   * Strict SigV4: only these keys (id → secret) are accepted, and signatures are checked, as AWS
   * does. Default: CONTABANCO_LOCAL_CREDENTIALS ("id:secret,…"); unset → signatures not checked.
   */
  credentials?: KeyRing;
  /** Logs one line per request (also CONTABANCO_LOCAL_TRACE=1). */
  trace?: boolean;
  /** Replaces the default service registry (tests, embedding). */
  services?: Record<string, Service>;
  /**
   * Runs once listening and every service has started, before any request is answered (the
   * daemon writes engine.json here): whoever reaches the engine can rely on what it announced.
   */
  announce?: (endpoint: string, port: number) => Promise<void>;
}

export interface RunningServer {
  url: string;
  port: number;
  ctx: EngineContext;
  close(): Promise<void>;
}

/** Renders an error raised outside a service, in the wire format the service would use. */
export function errorFor(service: string, err: unknown, method = "POST"): LocalResponse {
  switch (SERVICE_PROTOCOLS[service]) {
    case "restXml":
      return xmlErrorResponse(err, { head: method === "HEAD" });
    case "restJson1":
      return restJsonErrorResponse(err, service === "glacier" ? "glacier" : "default");
    case "awsQuery":
      return queryErrorResponse(
        err,
        service === "sts"
          ? "https://sts.amazonaws.com/doc/2011-06-15/"
          : "https://iam.amazonaws.com/doc/2010-05-08/",
      );
    default:
      return jsonErrorResponse(err);
  }
}

function readBody(req: IncomingMessage): Promise<Buffer | "too-large"> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on("end", () => resolveBody(tooLarge ? "too-large" : Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function headersOf(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v === undefined) continue;
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(",") : v;
  }
  return out;
}

/** Builds the LocalRequest; throws AwsError for a path that cannot be decoded. */
export function toLocalRequest(
  method: string,
  url: string,
  headers: Record<string, string>,
  body: Buffer,
  defaultRegion: string,
): LocalRequest {
  const q = url.indexOf("?");
  const rawPath = q < 0 ? url : url.slice(0, q);
  const query = new URLSearchParams(q < 0 ? "" : url.slice(q + 1));
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    path = rawPath;
  }
  const scope = credentialScope(headers.authorization, query);
  const service = scope?.service ?? guessService(method, path, headers, body);
  return {
    service,
    region: scope?.region || defaultRegion,
    accessKeyId: scope?.accessKeyId,
    method,
    path,
    rawPath,
    query,
    headers,
    body,
    target: headers["x-amz-target"],
    host: headers.host ?? "",
  };
}

/** Dispatches one request to its service; any failure becomes an AWS-shaped error. */
export async function dispatch(req: LocalRequest, ctx: EngineContext): Promise<LocalResponse> {
  const service = Object.hasOwn(ctx.services, req.service) ? ctx.services[req.service] : undefined;
  if (!service) {
    return jsonErrorResponse(
      new AwsError("UnknownOperationException", `Unknown service: ${req.service}`, 400),
    );
  }
  try {
    return await service.handle(req, ctx);
  } catch (err) {
    ctx.log(`erro interno em ${req.service}: ${(err as Error)?.stack ?? String(err)}`);
    return errorFor(req.service, err, req.method);
  }
}

function send(res: ServerResponse, method: string, out: LocalResponse): void {
  if (res.headersSent || res.writableEnded) return;
  const body = out.body === undefined ? Buffer.alloc(0) : Buffer.from(out.body);
  res.statusCode = out.status;
  for (const [k, v] of Object.entries(out.headers ?? {})) res.setHeader(k, v);
  if (!res.hasHeader("content-length")) res.setHeader("content-length", body.length);
  res.end(method === "HEAD" ? undefined : body);
}

/** Starts the engine: takes the data directory lock, starts every service, listens. */
export async function startServer(opts: StartServerOptions): Promise<RunningServer> {
  const home = resolve(opts.home);
  const host = opts.host ?? "127.0.0.1";
  const lock = acquireLock(home);
  const services = opts.services ?? (await createServices());
  const ctx: EngineContext = {
    home,
    accountId: LOCAL_ACCOUNT_ID,
    defaultRegion: opts.region ?? "us-east-1",
    endpoint: "",
    services,
    log: opts.log ?? (() => {}),
  };
  let ready: Promise<void> = Promise.resolve();
  const identity = JSON.stringify({
    engine: "contabanco",
    home,
    pid: process.pid,
    startedAt: new Date().toISOString(),
  } satisfies EngineIdentity);
  const trace = opts.trace ?? process.env.CONTABANCO_LOCAL_TRACE === "1";
  const keyRing = opts.credentials ?? parseKeyRing(process.env.CONTABANCO_LOCAL_CREDENTIALS);
  const server = createServer((req, res) => {
    handleHttp(req, res).catch((err) => {
      ctx.log(`falha ao responder: ${(err as Error)?.stack ?? String(err)}`);
      if (!res.headersSent) {
        res.statusCode = 500;
        res.end();
      } else res.destroy();
    });
  });
  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? "GET").toUpperCase();
    const headers = headersOf(req);
    const body = await readBody(req);
    await ready;
    // Answered once every service has started: an engine that says who it is is ready to serve.
    if (method === "GET" && req.url === IDENTITY_PATH) {
      res.writeHead(200, { "content-type": "application/json" }).end(identity);
      return;
    }
    if (body === "too-large") {
      const local = toLocalRequest(
        method,
        req.url ?? "/",
        headers,
        Buffer.alloc(0),
        ctx.defaultRegion,
      );
      send(
        res,
        method,
        errorFor(
          local.service,
          new AwsError(
            "RequestEntityTooLargeException",
            "Request must be smaller than 134217728 bytes",
            413,
          ),
          method,
        ),
      );
      return;
    }
    const local = toLocalRequest(method, req.url ?? "/", headers, body, ctx.defaultRegion);
    const refused = keyRing ? verifySignature(local, keyRing, sessionSecret) : undefined;
    const out = refused ? errorFor(local.service, refused, method) : await dispatch(local, ctx);
    if (trace) ctx.log(`${local.service} ${method} ${local.host}${req.url} → ${out.status}`);
    send(res, method, out);
  }
  server.keepAliveTimeout = 65_000;
  server.on("clientError", (err, socket) => {
    if (trace) ctx.log(`requisição HTTP inválida: ${(err as Error).message}`);
    if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
    else socket.destroy();
  });
  try {
    await new Promise<void>((ok, fail) => {
      server.once("error", fail);
      server.listen(opts.port ?? DEFAULT_PORT, host, () => {
        server.off("error", fail);
        ok();
      });
    });
  } catch (err) {
    lock.release();
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE") {
      throw new EngineError(
        `A porta ${opts.port} já está em uso em ${host}. Use --port ou CONTABANCO_PORT para escolher outra.`,
        "PORT_IN_USE",
      );
    }
    if (code === "EACCES") {
      throw new EngineError(
        `Sem permissão para usar a porta ${opts.port} em ${host}.`,
        "PORT_DENIED",
      );
    }
    throw err;
  }
  const port = (server.address() as AddressInfo).port;
  // What the engine hands out as its own address (Lambda's AWS_ENDPOINT_URL, S3 Locations): one
  // a client can reach — the loopback address when it listens on every address.
  ctx.endpoint = engineUrl(host, port);
  const started: Service[] = [];
  ready = (async () => {
    for (const s of new Set(Object.values(services))) {
      if (s.start) await s.start(ctx);
      started.push(s);
    }
    await opts.announce?.(ctx.endpoint, port);
  })();
  try {
    await ready;
  } catch (err) {
    await stopAll(started);
    await new Promise<void>((ok) => server.close(() => ok()));
    lock.release();
    throw err;
  }
  let closing: Promise<void> | undefined;
  return {
    url: ctx.endpoint,
    port,
    ctx,
    close() {
      closing ??= (async () => {
        const closed = new Promise<void>((ok) => server.close(() => ok()));
        server.closeAllConnections();
        await closed;
        await stopAll(started);
        lock.release();
      })();
      return closing;
    },
  };
}

async function stopAll(services: Service[]): Promise<void> {
  for (const s of services.reverse()) {
    try {
      if (s.stop) await s.stop();
    } catch {}
  }
}
