// Configuration: the global flags and the environment, resolved once into a plain object.
// A pure function of its inputs (flags, env, home directory, platform) so it is unit-tested as is.
import { join } from "node:path";
import { DEFAULT_HOST, engineUrl, invalidHostMessage, normalizeHost } from "../local/host.js";
import { isValidStage } from "./definition.js";

/** Where commands send their SDK calls. `endpoint` is any AWS-compatible URL (--endpoint-url). */
export type Target = "local" | "aws" | "endpoint";

export interface Config {
  target: Target;
  /** The URL SDK clients talk to; undefined on `aws` (the SDK's regional endpoints). */
  endpoint: string | undefined;
  region: string;
  profile: string | undefined;
  stage: string;
  json: boolean;
  /** Colors allowed (--no-color / NO_COLOR turn them off); a stream still needs to be a TTY. */
  color: boolean;
  quiet: boolean;
  verbose: boolean;
  /** Local data directory (engine state, logs). */
  home: string;
  /** Port of the local engine. */
  port: number;
  /** Address the local engine listens on (CONTABANCO_HOST; default 127.0.0.1). */
  host: string;
}

/** The global options as commander hands them over (all optional: absent means not given). */
export interface GlobalFlags {
  target?: string;
  endpointUrl?: string;
  region?: string;
  profile?: string;
  stage?: string;
  json?: boolean;
  color?: boolean;
  quiet?: boolean;
  verbose?: boolean;
}

export type Env = Readonly<Record<string, string | undefined>>;

export interface Platform {
  /** The user's home directory (os.homedir()). */
  homedir: string;
  /** process.platform */
  platform: string;
}

/** A configuration the user got wrong: the CLI reports it as a usage error (exit code 2). */
export class ConfigError extends Error {
  override name = "ConfigError";
}

export const DEFAULT_REGION = "us-east-1";
export const DEFAULT_STAGE = "dev";
export const DEFAULT_PORT = 4599;

const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function parseEndpoint(value: string, source: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${source}: URL inválida "${value}" (ex.: http://localhost:4566)`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ConfigError(`${source}: use uma URL http:// ou https:// (recebido "${value}")`);
  }
  return value.replace(/\/+$/, "");
}

function parseTarget(value: string, source: string): "local" | "aws" {
  if (value === "local" || value === "aws") return value;
  throw new ConfigError(`${source}: alvo inválido "${value}" (use local ou aws)`);
}

function resolveTarget(
  flags: GlobalFlags,
  env: Env,
): { target: Target; endpoint: string | undefined } {
  const flagTarget = nonEmpty(flags.target);
  const flagEndpoint = nonEmpty(flags.endpointUrl);
  const chosen = flagTarget
    ? parseTarget(flagTarget, "--target")
    : nonEmpty(env.CONTABANCO_TARGET)
      ? parseTarget(nonEmpty(env.CONTABANCO_TARGET)!, "CONTABANCO_TARGET")
      : undefined;
  if (flagEndpoint) {
    if (flagTarget === "local") {
      throw new ConfigError("--endpoint-url não combina com --target local (use um ou outro)");
    }
    return { target: "endpoint", endpoint: parseEndpoint(flagEndpoint, "--endpoint-url") };
  }
  // An explicit local target wins over a stray AWS_ENDPOINT_URL meant for other tools.
  if (chosen === "local") return { target: "local", endpoint: undefined };
  const envEndpoint = nonEmpty(env.AWS_ENDPOINT_URL);
  if (envEndpoint) {
    return { target: "endpoint", endpoint: parseEndpoint(envEndpoint, "AWS_ENDPOINT_URL") };
  }
  return { target: chosen ?? "local", endpoint: undefined };
}

function resolvePort(env: Env): number {
  const raw = nonEmpty(env.CONTABANCO_PORT);
  if (raw === undefined) return DEFAULT_PORT;
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port < 1 || port > 65535) {
    throw new ConfigError(`CONTABANCO_PORT: porta inválida "${raw}" (use um número de 1 a 65535)`);
  }
  return port;
}

function resolveHost(env: Env): string {
  const raw = nonEmpty(env.CONTABANCO_HOST);
  if (raw === undefined) return DEFAULT_HOST;
  const host = normalizeHost(raw);
  if (host === undefined) throw new ConfigError(invalidHostMessage("CONTABANCO_HOST", raw));
  return host;
}

/** The user's data directory for contabanco, following each platform's convention. */
export function defaultHome(env: Env, platform: Platform): string {
  if (platform.platform === "win32") {
    const base = nonEmpty(env.LOCALAPPDATA) ?? join(platform.homedir, "AppData", "Local");
    return join(base, "contabanco");
  }
  if (platform.platform === "darwin") {
    return join(platform.homedir, "Library", "Application Support", "contabanco");
  }
  const xdg = nonEmpty(env.XDG_DATA_HOME);
  return join(xdg ?? join(platform.homedir, ".local", "share"), "contabanco");
}

/** Resolves flags (first) and environment (second) into a Config, or throws a ConfigError. */
export function resolveConfig(flags: GlobalFlags, env: Env, platform: Platform): Config {
  const { target, endpoint } = resolveTarget(flags, env);
  const port = resolvePort(env);
  const host = resolveHost(env);

  const region =
    nonEmpty(flags.region) ??
    nonEmpty(env.AWS_REGION) ??
    nonEmpty(env.AWS_DEFAULT_REGION) ??
    DEFAULT_REGION;
  if (!REGION_PATTERN.test(region)) {
    throw new ConfigError(`região inválida "${region}" (ex.: us-east-1, sa-east-1)`);
  }

  const stage = nonEmpty(flags.stage) ?? nonEmpty(env.CONTABANCO_STAGE) ?? DEFAULT_STAGE;
  if (!isValidStage(stage)) {
    throw new ConfigError(
      `estágio inválido "${stage}": use de 1 a 16 letras minúsculas, dígitos ou hífens (o estágio entra no nome do bucket)`,
    );
  }

  if (flags.quiet && flags.verbose) {
    throw new ConfigError("--quiet e --verbose não combinam (use um ou outro)");
  }

  // https://no-color.org: NO_COLOR present and not empty disables color.
  const noColorEnv = env.NO_COLOR !== undefined && env.NO_COLOR !== "";

  return {
    target,
    // An engine listening on every address (0.0.0.0) is reached on the loopback address.
    endpoint: target === "local" ? engineUrl(host, port) : endpoint,
    region,
    profile: nonEmpty(flags.profile) ?? nonEmpty(env.AWS_PROFILE),
    stage,
    json: flags.json === true,
    color: flags.color !== false && !noColorEnv,
    quiet: flags.quiet === true,
    verbose: flags.verbose === true,
    home: nonEmpty(env.CONTABANCO_HOME) ?? defaultHome(env, platform),
    port,
    host,
  };
}
