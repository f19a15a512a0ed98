// Shared shapes of the local engine: one request/response model for every AWS wire protocol.

/** A request as the router sees it, after the body has been read. */
export interface LocalRequest {
  /** From the SigV4 credential scope: states, dynamodb, s3, s3express, glacier, lambda, sts, iam. */
  service: string;
  region: string;
  accessKeyId?: string;
  method: string;
  /** Decoded, without the query string. */
  path: string;
  rawPath: string;
  query: URLSearchParams;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  body: Buffer;
  /** X-Amz-Target, for the JSON protocols. */
  target?: string;
  host: string;
}

export interface LocalResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export interface EngineContext {
  /** The data directory (CONTABANCO_HOME). */
  home: string;
  /** "000000000000". */
  accountId: string;
  defaultRegion: string;
  /** http://127.0.0.1:PORT */
  endpoint: string;
  services: Record<string, Service>;
  log(line: string): void;
}

export interface Service {
  name: string;
  handle(req: LocalRequest, ctx: EngineContext): Promise<LocalResponse>;
  start?(ctx: EngineContext): Promise<void>;
  stop?(): Promise<void>;
}

/** The wire protocols the engine speaks; decides how an unexpected failure is rendered. */
export type WireProtocol = "awsJson1_0" | "awsJson1_1" | "restJson1" | "restXml" | "awsQuery";

/** An action of a service, callable in-process: a plain function over typed input. */
export type Action<I, O> = (ctx: EngineContext, input: I) => Promise<O>;

/**
 * The engine's own identity route. `_` is not allowed in S3 bucket names, so no AWS request
 * (path-style S3 included) can ever address it.
 */
export const IDENTITY_PATH = "/_contabanco/identidade";

/** What IDENTITY_PATH answers: which engine this is and which data directory it serves. */
export interface EngineIdentity {
  engine: "contabanco";
  home: string;
  pid: number;
  startedAt: string;
}
