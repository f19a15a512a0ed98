// The engine as an operating-system process: <home>/engine.json (pid, port, url, startedAt),
// probing whether an engine answers, starting one detached (logs in <home>/logs/engine.log) and
// stopping it. Messages are pt-BR (they reach the user through the CLI).
import { spawn } from "node:child_process";
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { get as httpGet } from "node:http";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { EngineError } from "./store.js";
import { type EngineIdentity, IDENTITY_PATH } from "./types.js";

export interface EngineInfo {
  pid: number;
  port: number;
  /** Where a client on this machine reaches it (127.0.0.1 when it listens on 0.0.0.0). */
  url: string;
  /** The address it listens on (`--host`; absent in files of engines before it existed). */
  host?: string;
  home: string;
  /** ISO-8601. */
  startedAt: string;
}

export function engineInfoFile(home: string): string {
  return join(home, "engine.json");
}

export function engineLogFile(home: string): string {
  return join(home, "logs", "engine.log");
}

export function readEngineInfo(home: string): EngineInfo | undefined {
  try {
    const info = JSON.parse(readFileSync(engineInfoFile(home), "utf8")) as EngineInfo;
    return typeof info.pid === "number" && typeof info.url === "string" ? info : undefined;
  } catch {
    return undefined;
  }
}

export async function writeEngineInfo(info: EngineInfo): Promise<void> {
  await writeFile(engineInfoFile(info.home), `${JSON.stringify(info, null, 2)}\n`);
}

export function removeEngineInfo(home: string, pid = process.pid): void {
  const info = readEngineInfo(home);
  if (info && info.pid !== pid) return;
  try {
    unlinkSync(engineInfoFile(home));
  } catch {}
}

export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Which engine answers at `url` and which data directory it serves; undefined when none does.
 * Plain node:http, not fetch: the first fetch loads undici, ~80 ms of every command's start.
 */
export function engineIdentity(url: string, timeoutMs = 1000): Promise<EngineIdentity | undefined> {
  return new Promise((done) => {
    const req = httpGet(`${url}${IDENTITY_PATH}`, { timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("error", () => done(undefined));
      res.on("end", () => {
        try {
          const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as EngineIdentity;
          const ok = res.statusCode === 200 && body.engine === "contabanco";
          done(ok && typeof body.home === "string" ? body : undefined);
        } catch {
          done(undefined);
        }
      });
    });
    req.on("timeout", () => req.destroy());
    req.on("error", () => done(undefined));
  });
}

/** True when a contabanco engine answers at `url`. */
export async function probeEngine(url: string, timeoutMs = 1000): Promise<boolean> {
  return (await engineIdentity(url, timeoutMs)) !== undefined;
}

/** The engine running on this data directory, if its process is alive. */
export function runningEngine(home: string): EngineInfo | undefined {
  const info = readEngineInfo(home);
  return info && pidAlive(info.pid) ? info : undefined;
}

/** The launcher the detached engine runs (`contabanco local start`). */
export function launcherPath(): string {
  return fileURLToPath(new URL("../../bin/contabanco.js", import.meta.url));
}

function lastLines(file: string, n: number): string {
  try {
    return readFileSync(file, "utf8").trimEnd().split("\n").slice(-n).join("\n");
  } catch {
    return "";
  }
}

export interface DetachOptions {
  home: string;
  port: number;
  /** The address to listen on (`--host`); otherwise the engine's own default or CONTABANCO_HOST. */
  host?: string;
  env?: NodeJS.ProcessEnv;
  /** How long to wait for the engine to answer (default 30 s). */
  timeoutMs?: number;
}

/**
 * Starts `contabanco local start --port N [--host H]` as a detached background process logging to
 * <home>/logs/engine.log, and waits until it answers. Throws EngineError with the engine's own
 * error (port in use, data directory not writable, another engine…) when it exits instead.
 */
export async function startDetached(opts: DetachOptions): Promise<EngineInfo> {
  const log = engineLogFile(opts.home);
  try {
    mkdirSync(join(opts.home, "logs"), { recursive: true });
  } catch (err) {
    throw new EngineError(
      `Não foi possível criar o diretório de dados ${opts.home}: ${(err as Error).message}`,
      "DATA_DIR_NOT_WRITABLE",
    );
  }
  const fd = openSync(log, "a");
  const child = spawn(
    process.execPath,
    [
      launcherPath(),
      "local",
      "start",
      "--port",
      String(opts.port),
      ...(opts.host === undefined ? [] : ["--host", opts.host]),
    ],
    {
      detached: true,
      stdio: ["ignore", fd, fd],
      env: { ...(opts.env ?? process.env), CONTABANCO_HOME: opts.home, NO_COLOR: "1" },
    },
  );
  closeSync(fd);
  let exited: number | null | undefined;
  child.once("exit", (code) => {
    exited = code;
  });
  const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
  try {
    for (;;) {
      if (exited !== undefined) {
        const tail = lastLines(log, 3)
          .split("\n")
          .filter((l) => l.startsWith("erro:"))
          .pop();
        throw new EngineError(
          tail
            ? tail.replace(/^erro:\s*/, "")
            : `O motor local terminou ao iniciar (código ${exited}). Veja ${log}.`,
          "ENGINE_START_FAILED",
        );
      }
      const info = readEngineInfo(opts.home);
      if (info && info.pid === child.pid && (await probeEngine(info.url))) return info;
      if (Date.now() > deadline) {
        throw new EngineError(
          `O motor local não respondeu a tempo. Veja ${log}.`,
          "ENGINE_START_TIMEOUT",
        );
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    child.unref();
  }
}

/** Stops the engine of `home` (SIGTERM, then SIGKILL after `graceMs`); undefined if none. */
export async function stopEngine(home: string, graceMs = 10_000): Promise<EngineInfo | undefined> {
  const info = runningEngine(home);
  if (!info) {
    removeEngineInfo(home, readEngineInfo(home)?.pid);
    return undefined;
  }
  process.kill(info.pid, "SIGTERM");
  const deadline = Date.now() + graceMs;
  while (pidAlive(info.pid)) {
    if (Date.now() > deadline) {
      process.kill(info.pid, "SIGKILL");
      break;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  removeEngineInfo(home, info.pid);
  return info;
}
