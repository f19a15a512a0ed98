// The address the local engine listens on (`local start --host`, CONTABANCO_HOST) and the one a
// client on this machine connects to. Pure functions: the CLI's configuration imports them at
// every start.
import { isIP } from "node:net";

/** Where the engine listens unless told otherwise: this machine only. */
export const DEFAULT_HOST = "127.0.0.1";

/** An RFC 1123 host name: dot-separated labels of letters, digits and inner hyphens. */
const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i;

/**
 * The host as given, without the brackets of an IPv6 literal ("[::1]" → "::1"); undefined when it
 * is neither an IP address nor a host name.
 */
export function normalizeHost(value: string): string | undefined {
  const text = value.trim();
  const bare = /^\[(.*)\]$/.exec(text)?.[1] ?? text;
  if (isIP(bare) !== 0) return bare;
  if (bare !== text || bare.length === 0 || bare.length > 253) return undefined;
  const labels = (bare.endsWith(".") ? bare.slice(0, -1) : bare).split(".");
  // An all-numeric last label is a malformed IPv4 address (999.1.1.1), not a name (RFC 3696 §2).
  if (/^\d+$/.test(labels[labels.length - 1])) return undefined;
  return labels.every((label) => LABEL.test(label)) ? bare : undefined;
}

/** The pt-BR complaint about a host that is neither an IP address nor a host name. */
export function invalidHostMessage(source: string, value: string): string {
  return `${source}: endereço inválido "${value}" (use um endereço IP, como 127.0.0.1 ou 0.0.0.0, ou um nome de máquina, como localhost)`;
}

/** 0.0.0.0 or ::, every address of the machine. */
export function isWildcardHost(host: string): boolean {
  return host === "0.0.0.0" || host === "::" || host === "0:0:0:0:0:0:0:0";
}

/** A loopback address (127.0.0.0/8, ::1, IPv4-mapped 127.x) or a name that is one (RFC 6761). */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase();
  if (h === "localhost" || h.endsWith(".localhost")) return true;
  if (isIP(h) === 4) return h.startsWith("127.");
  if (isIP(h) === 6) return h === "::1" || h === "0:0:0:0:0:0:0:1" || h.startsWith("::ffff:127.");
  return false;
}

/**
 * The URL a client on this machine uses for an engine listening on `host`: the loopback address
 * when it listens on every address (127.0.0.1 for 0.0.0.0, [::1] for ::), the host otherwise.
 */
export function engineUrl(host: string, port: number): string {
  if (host === "0.0.0.0") return `http://127.0.0.1:${port}`;
  if (isWildcardHost(host)) return `http://[::1]:${port}`;
  return `http://${isIP(host) === 6 ? `[${host}]` : host}:${port}`;
}
