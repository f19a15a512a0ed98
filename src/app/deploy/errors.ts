// AWS's reasons, explained in pt-BR: a failed step names its resource and what to do next.
import type { Target } from "../config.js";
import { errorName, httpStatus, type ResourceKind, type SdkError } from "./types.js";

/** A deploy or destroy step that failed: which resource, and why (in pt-BR). */
export class DeployError extends Error {
  override name = "DeployError";
  constructor(
    readonly tipo: ResourceKind,
    readonly nome: string,
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

const CREDENTIAL_ERRORS = new Set([
  "CredentialsProviderError",
  "InvalidClientTokenId",
  "UnrecognizedClientException",
  "SignatureDoesNotMatch",
  "InvalidSignatureException",
  "IncompleteSignature",
  "MissingAuthenticationToken",
  // DynamoDB's code for an unsigned request (its error guide: 400 MissingAuthenticationTokenException).
  "MissingAuthenticationTokenException",
]);

const EXPIRED_ERRORS = new Set(["ExpiredToken", "ExpiredTokenException", "RequestExpired"]);

const ACCESS_DENIED = new Set([
  "AccessDenied",
  "AccessDeniedException",
  "UnauthorizedOperation",
  "AuthorizationError",
]);

/** Did the SDK fail to reach the endpoint at all? */
export function isConnectionError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException)?.code;
  const cause = (error as { cause?: NodeJS.ErrnoException })?.cause?.code;
  return [code, cause, errorName(error)].some(
    (c) => c === "ECONNREFUSED" || c === "ECONNRESET" || c === "ENOTFOUND" || c === "EHOSTUNREACH",
  );
}

/** The pt-BR explanation of an error any step can meet (credentials, access, connection). */
export function explainCommon(error: unknown, target: Target): string | undefined {
  const name = errorName(error);
  const message = (error as SdkError)?.message ?? String(error);
  if (CREDENTIAL_ERRORS.has(name) || /Could not load credentials/i.test(message)) {
    return `credenciais da AWS ausentes ou inválidas (${name || "sem credenciais"}). Configure-as com \`aws configure\` (ou \`aws configure sso\`), escolha um perfil com --profile ou AWS_PROFILE, ou defina AWS_ACCESS_KEY_ID e AWS_SECRET_ACCESS_KEY.`;
  }
  if (EXPIRED_ERRORS.has(name)) {
    return `as credenciais da AWS expiraram (${name}). Renove-as (ex.: \`aws sso login\`) e rode o comando de novo.`;
  }
  if (ACCESS_DENIED.has(name)) {
    return `acesso negado pela AWS (${name}): ${message}. Peça ao administrador da conta a permissão que falta.`;
  }
  if (isConnectionError(error)) {
    return target === "local"
      ? "o motor local não respondeu. Inicie-o com `contabanco local start` e rode de novo."
      : `não foi possível conectar ao endpoint (${message}). Confira --endpoint-url, a rede e a região.`;
  }
  if (
    name === "ThrottlingException" ||
    name === "Throttling" ||
    name === "TooManyRequestsException"
  ) {
    return `a AWS limitou as chamadas (${name}). Espere um pouco e rode de novo: o deploy continua de onde parou.`;
  }
  return undefined;
}

/** The generic explanation: AWS's code and message as AWS wrote them, in a pt-BR sentence. */
export function awsReason(error: unknown): string {
  const name = errorName(error);
  const message = (error as SdkError)?.message ?? String(error);
  const status = httpStatus(error);
  return `recusado com ${name || "erro"}${status ? ` (HTTP ${status})` : ""}: ${message}`;
}

/** Did S3 refuse the directory bucket because the zone or region has no S3 Express One Zone? */
export function isExpressUnavailable(error: unknown): boolean {
  const name = errorName(error);
  const message = (error as SdkError)?.message ?? "";
  return (
    name === "InvalidLocationConstraint" ||
    name === "IllegalLocationConstraintException" ||
    name === "InvalidBucketName" ||
    /availability zone|not supported|zone id/i.test(message)
  );
}
