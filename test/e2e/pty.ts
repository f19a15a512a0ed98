// The built CLI on a pseudo-terminal through util-linux `script`, for the tests of what only
// happens on a terminal (prompts, spinners, redraws). The test types into the terminal while the
// command runs and waits for patterns in what it shows.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { stripVTControlCharacters } from "node:util";
import { root } from "./stage-helpers.js";

/** util-linux `script`, if there is one (the tests that need it are skipped otherwise). */
export const SCRIPT = ["/usr/bin/script", "/bin/script"].find((path) => existsSync(path));

const quote = (part: string) => `'${part.replaceAll("'", "'\\''")}'`;

export interface TerminalRun {
  /** Everything the terminal showed so far, raw (escape sequences included). */
  raw(): string;
  /** The same without escape sequences. */
  text(): string;
  /** Types into the terminal (a key press: "\r" is Enter, "\u0015" erases the line). */
  type(keys: string): void;
  /** Resolves once the plain text matches `pattern` `times` times; fails if the command ends. */
  waitFor(pattern: RegExp, times?: number, timeoutMs?: number): Promise<void>;
  /** The exit code of the command. */
  exited: Promise<number>;
  /** Ends the terminal (and so the command) if it is still running. */
  kill(): void;
}

export interface TerminalOptions {
  /** Sends the CLI's stdout to this file instead (so stderr alone stays on the terminal). */
  stdoutTo?: string;
  /** The terminal's width (default 100); null leaves it reporting 0 columns, as some do. */
  columns?: number | null;
}

/** Runs `contabanco ...args` on a pseudo-terminal (100×40 unless told) with `env`. */
export function onTerminal(
  args: string[],
  env: Record<string, string>,
  options: TerminalOptions = {},
): TerminalRun {
  const { stdoutTo, columns = 100 } = options;
  const cli = [process.execPath, join(root, "bin", "contabanco.js"), ...args].map(quote).join(" ");
  // A pseudo-terminal starts with 0 columns; the size comes from stty, COLUMNS/LINES are for
  // whatever reads the environment.
  const size = columns === null ? "" : `stty cols ${columns} rows 40; `;
  const command = `${size}exec ${cli}${stdoutTo ? ` >${quote(stdoutTo)}` : ""}`;
  const child = spawn(SCRIPT ?? "script", ["-qfec", command, "/dev/null"], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "/",
      TERM: "xterm-256color",
      ...(columns === null ? {} : { COLUMNS: String(columns), LINES: "40" }),
      ...env,
    },
  });
  let output = "";
  let ended = false;
  const listeners = new Set<() => void>();
  const notify = () => {
    for (const listener of [...listeners]) listener();
  };
  child.stdout.setEncoding("utf8");
  child.stdout.on("data", (chunk: string) => {
    output += chunk;
    notify();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    output += chunk.toString("utf8");
    notify();
  });
  const exited = new Promise<number>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => {
      ended = true;
      notify();
      resolve(code ?? 1);
    });
  });
  const text = () => stripVTControlCharacters(output).replaceAll("\r", "");
  return {
    raw: () => output,
    text,
    type(keys) {
      child.stdin.write(keys);
    },
    waitFor(pattern, times = 1, timeoutMs = 30_000) {
      const global = new RegExp(
        pattern.source,
        pattern.flags.includes("g") ? pattern.flags : `${pattern.flags}g`,
      );
      const seen = () => (text().match(global) ?? []).length >= times;
      return new Promise<void>((resolve, reject) => {
        const check = () => {
          if (seen()) return finish();
          if (ended) finish(new Error(`o comando terminou sem mostrar ${pattern}:\n${text()}`));
        };
        const timer = setTimeout(
          () => finish(new Error(`${pattern} não apareceu em ${timeoutMs} ms:\n${text()}`)),
          timeoutMs,
        );
        const finish = (error?: Error) => {
          clearTimeout(timer);
          listeners.delete(check);
          if (error) reject(error);
          else resolve();
        };
        listeners.add(check);
        check();
      });
    },
    exited: exited.finally(() => child.stdin.end()),
    kill() {
      if (!ended) child.kill();
    },
  };
}
