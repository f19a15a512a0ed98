// What a command gets: the resolved configuration, an Output, SDK clients, and I/O it can be
// handed in tests. Nothing here loads the AWS SDK until a command asks for clients.
import { homedir } from "node:os";
import type { Command } from "commander";
import type { Clients } from "../app/clients.js";
import { type Config, type GlobalFlags, type Platform, resolveConfig } from "../app/config.js";
import type { Output, WritableText } from "./render/output.js";

export interface CliIo {
  stdout: WritableText;
  stderr: WritableText;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: Readonly<Record<string, string | undefined>>;
  platform: Platform;
  cwd: string;
}

export function processIo(): CliIo {
  // A closed pipe (`contabanco … | head`) is not an error worth a stack trace.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    // On first use: making process.stdin costs ~1 ms, and most commands never read it.
    get stdin() {
      return process.stdin;
    },
    env: process.env,
    platform: { homedir: homedir(), platform: process.platform },
    cwd: process.cwd(),
  };
}

export interface CommandContext {
  readonly io: CliIo;
  /** The configuration from the global options and the environment (usage error if invalid). */
  config(): Config;
  /** Where to write results and notices, honouring --json, --quiet, --verbose and colors. */
  output(): Output;
  /** SDK clients for the configured target, created on first use and closed at exit. */
  clients(): Promise<Clients>;
  /**
   * Wraps a commander action: a returned number becomes the exit code; a thrown CliError is
   * reported as `erro: …` with its exit code.
   */
  action<Args extends unknown[]>(
    fn: (...args: Args) => Promise<number | undefined> | number | undefined,
  ): (...args: Args) => Promise<void>;
}

/** A command module: one file in src/cli/commands/, registered by one line in main.ts. */
export interface CommandModule {
  register(program: Command, ctx: CommandContext): void;
}

export class Context implements CommandContext {
  exitCode = 0;
  private resolved: Config | undefined;
  private out: Output | undefined;
  private made: Promise<Clients> | undefined;
  program: Command | undefined;
  /** Loaded by prepare(): chalk is not needed for --help or --version. */
  private OutputClass: typeof Output | undefined;

  constructor(readonly io: CliIo) {}

  /** Loads what output() needs; called before any action runs and before errors are printed. */
  async prepare(): Promise<void> {
    this.OutputClass ??= (await import("./render/output.js")).Output;
  }

  private newOutput(options: ConstructorParameters<typeof Output>[0]): Output {
    if (!this.OutputClass) throw new Error("output() before prepare()");
    return new this.OutputClass(options);
  }

  config(): Config {
    if (!this.resolved) {
      if (!this.program) throw new Error("config() before the program exists");
      this.resolved = resolveConfig(
        this.program.opts<GlobalFlags>(),
        this.io.env,
        this.io.platform,
      );
    }
    return this.resolved;
  }

  /** Output before (or without) a valid config: colors off only by NO_COLOR / --no-color. */
  fallbackOutput(argv: readonly string[]): Output {
    const noColor = this.io.env.NO_COLOR !== undefined && this.io.env.NO_COLOR !== "";
    return this.newOutput({
      stdout: this.io.stdout,
      stderr: this.io.stderr,
      env: this.io.env,
      color: !noColor && !argv.includes("--no-color"),
      json: false,
      quiet: false,
      verbose: argv.includes("--verbose"),
    });
  }

  output(): Output {
    if (!this.out) {
      const config = this.config();
      this.out = this.newOutput({
        stdout: this.io.stdout,
        stderr: this.io.stderr,
        env: this.io.env,
        color: config.color,
        json: config.json,
        quiet: config.quiet,
        verbose: config.verbose,
      });
    }
    return this.out;
  }

  clients(): Promise<Clients> {
    this.made ??= import("../app/clients.js").then(({ createClients }) =>
      createClients(this.config()),
    );
    return this.made;
  }

  action<Args extends unknown[]>(
    fn: (...args: Args) => Promise<number | undefined> | number | undefined,
  ): (...args: Args) => Promise<void> {
    return async (...args: Args) => {
      const code = await fn(...args);
      if (typeof code === "number") this.exitCode = code;
    };
  }

  async close(): Promise<void> {
    if (this.made) (await this.made).destroy();
  }
}
