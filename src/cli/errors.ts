// Errors the CLI reports to people, and the translation of commander's own (English) messages.

/** A failure to report as `erro: <message>` with an exit code (1 unless said otherwise). */
export class CliError extends Error {
  override name = "CliError";
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** The user asked for something the CLI cannot parse or accept: exit code 2. */
export class UsageError extends CliError {
  override name = "UsageError";
  constructor(message: string) {
    super(message, 2);
  }
}

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** Commander's error codes that mean a usage error. */
export const USAGE_ERROR_CODES = new Set([
  "commander.unknownCommand",
  "commander.unknownOption",
  "commander.missingArgument",
  "commander.optionMissingArgument",
  "commander.missingMandatoryOptionValue",
  "commander.conflictingOption",
  "commander.invalidArgument",
  "commander.excessArguments",
]);

function translateSuggestion(text: string): string {
  const match = /\(Did you mean (one of )?(.*)\?\)/s.exec(text);
  if (!match) return "";
  return match[1]
    ? ` (você quis dizer um destes: ${match[2]}?)`
    : ` (você quis dizer ${match[2]}?)`;
}

function translateDetail(detail: string): string {
  const choices = /^Allowed choices are (.*)\.$/.exec(detail.trim());
  if (choices) return `valores aceitos: ${choices[1]}`;
  return detail.trim();
}

/**
 * Translates one of commander's error messages (`error: unknown command 'x'`…) into pt-BR.
 * Unknown shapes come back without the `error: ` prefix rather than being lost.
 */
export function translateCommanderMessage(code: string, message: string): string {
  const text = message.replace(/^error: /, "");
  const suggestion = translateSuggestion(text);
  let match: RegExpExecArray | null;
  switch (code) {
    case "commander.unknownCommand":
      match = /unknown command '([^']*)'/.exec(text);
      if (match) return `comando desconhecido: "${match[1]}"${suggestion}`;
      break;
    case "commander.unknownOption":
      match = /unknown option '([^']*)'/.exec(text);
      if (match) return `opção desconhecida: "${match[1]}"${suggestion}`;
      break;
    case "commander.missingArgument":
      match = /missing required argument '([^']*)'/.exec(text);
      if (match) return `falta o argumento obrigatório "${match[1]}"`;
      break;
    case "commander.optionMissingArgument":
      match = /option '([^']*)' argument missing/.exec(text);
      if (match) return `a opção "${match[1]}" precisa de um valor`;
      break;
    case "commander.missingMandatoryOptionValue":
      match = /required option '([^']*)' not specified/.exec(text);
      if (match) return `a opção obrigatória "${match[1]}" não foi informada`;
      break;
    case "commander.conflictingOption":
      match =
        /(?:option|environment variable) '([^']*)' cannot be used with (?:option|environment variable) '([^']*)'/.exec(
          text,
        );
      if (match) return `a opção "${match[1]}" não pode ser usada junto com "${match[2]}"`;
      break;
    case "commander.invalidArgument":
      match = /option '([^']*)' argument '([^']*)' is invalid\.(.*)/s.exec(text);
      if (match) {
        const detail = translateDetail(match[3]);
        return `valor inválido "${match[2]}" para a opção "${match[1]}"${detail ? ` (${detail})` : ""}`;
      }
      match = /command-argument value '([^']*)' is invalid for argument '([^']*)'\.(.*)/s.exec(
        text,
      );
      if (match) {
        const detail = translateDetail(match[3]);
        return `valor inválido "${match[1]}" para o argumento "${match[2]}"${detail ? ` (${detail})` : ""}`;
      }
      break;
    case "commander.excessArguments":
      match =
        /too many arguments(?: for '([^']*)')?\. Expected (\d+) arguments? but got (\d+)\./.exec(
          text,
        );
      if (match) {
        const where = match[1] ? ` para "${match[1]}"` : "";
        return `argumentos demais${where}: esperava ${match[2]}, recebeu ${match[3]}`;
      }
      break;
  }
  return text;
}

const NETWORK: Record<string, string> = {
  ECONNREFUSED: "conexão recusada",
  ENOTFOUND: "endereço não encontrado",
  EAI_AGAIN: "falha temporária de DNS",
  ETIMEDOUT: "tempo esgotado",
  ECONNRESET: "conexão interrompida",
  EHOSTUNREACH: "host inalcançável",
};

interface ErrorLike {
  name?: string;
  message?: string;
  code?: string;
  address?: string;
  port?: number;
  hostname?: string;
  $metadata?: unknown;
  errors?: unknown[];
}

/**
 * A pt-BR line for an error no command handled: network failures and missing credentials are
 * explained; AWS service errors keep their code and (English) message, as AWS sends them.
 */
export function describeUnexpectedError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  let e = error as ErrorLike;
  // Node's happy-eyeballs connect failures come as an AggregateError of the attempts.
  if (!e.code && Array.isArray(e.errors) && e.errors[0] instanceof Error) {
    e = e.errors[0] as ErrorLike;
  }
  if (e.code && NETWORK[e.code]) {
    const where = e.address ? `${e.address}${e.port ? `:${e.port}` : ""}` : e.hostname;
    return `não foi possível conectar${where ? ` a ${where}` : ""}: ${NETWORK[e.code]} (${e.code})`;
  }
  if (error.name === "CredentialsProviderError") {
    return `credenciais da AWS não encontradas: configure --profile / AWS_PROFILE ou AWS_ACCESS_KEY_ID e AWS_SECRET_ACCESS_KEY (${error.message})`;
  }
  if ((error as ErrorLike).$metadata !== undefined && error.name && error.name !== "Error") {
    return `${error.name}: ${error.message}`;
  }
  return error.message || error.name;
}
