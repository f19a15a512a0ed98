import { randomBytes } from "node:crypto";
import type { EngineContext } from "../../types.js";
import { getBucket } from "./buckets.js";
import { checkBucketName, invalidBucketName, isDirectoryBucketName } from "./names.js";

export interface CreateSessionInput {
  bucket: string;
  /** ReadWrite (default) or ReadOnly. */
  sessionMode?: string;
  /**
   * Whether the bucket must exist (NoSuchBucket otherwise), as on AWS. Over HTTP the engine
   * answers for any valid directory bucket name: with a custom endpoint the SDK asks for a
   * session before every directory-bucket call, CreateBucket included (see FINDINGS).
   */
  requireBucket?: boolean;
}

export interface SessionCredentials {
  AccessKeyId: string;
  SecretAccessKey: string;
  SessionToken: string;
  Expiration: string;
}

// Sessions in creation order; all live 5 minutes, so expiry order is insertion order and
// expired ones are dropped from the front, without scanning the live ones on every call.
const sessions = new Map<string, { secret: string; expires: number }>();

function dropExpired(now: number): void {
  for (const [id, s] of sessions) {
    if (s.expires >= now) return;
    sessions.delete(id);
  }
}

/** The secret of a live session's access key (for strict SigV4 verification). */
export function sessionSecret(accessKeyId: string): string | undefined {
  const s = sessions.get(accessKeyId);
  if (!s) return undefined;
  if (s.expires < Date.now()) {
    sessions.delete(accessKeyId);
    return undefined;
  }
  return s.secret;
}

/** CreateSession (S3 Express One Zone): temporary credentials valid for 5 minutes. */
export async function createSession(
  ctx: EngineContext,
  input: CreateSessionInput,
): Promise<{ Credentials: SessionCredentials }> {
  checkBucketName(input.bucket);
  if (!isDirectoryBucketName(input.bucket)) throw invalidBucketName(input.bucket);
  if (input.requireBucket) await getBucket(ctx, input.bucket);
  const expires = Date.now() + 5 * 60_000;
  const credentials: SessionCredentials = {
    AccessKeyId: `ASIA${randomBytes(8).toString("hex").toUpperCase()}`,
    SecretAccessKey: randomBytes(30).toString("base64"),
    SessionToken: randomBytes(48).toString("base64"),
    Expiration: new Date(expires).toISOString(),
  };
  dropExpired(Date.now());
  sessions.set(credentials.AccessKeyId, { secret: credentials.SecretAccessKey, expires });
  return { Credentials: credentials };
}
