// Where commands write: results on stdout (text for people or JSON for scripts), everything else
// (progress, notices, errors) on stderr, so `--json` output stays pure.
import { type Colors, colorLevel, createColors } from "./colors.js";

export interface WritableText {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface OutputOptions {
  stdout: WritableText;
  stderr: WritableText;
  env: Readonly<Record<string, string | undefined>>;
  color: boolean;
  json: boolean;
  quiet: boolean;
  verbose: boolean;
}

export class Output {
  /** Colors for text written to stdout. */
  readonly colors: Colors;
  /** Colors for text written to stderr. */
  readonly errColors: Colors;

  constructor(readonly options: OutputOptions) {
    this.colors = createColors(colorLevel(options.color, options.stdout, options.env));
    this.errColors = createColors(colorLevel(options.color, options.stderr, options.env));
  }

  get json(): boolean {
    return this.options.json;
  }

  /** A result line for people, on stdout. */
  print(text: string): void {
    this.options.stdout.write(text.endsWith("\n") ? text : `${text}\n`);
  }

  /** A result for scripts: one JSON document on stdout. */
  printJson(value: unknown): void {
    this.options.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  }

  /** A notice on stderr (silenced by --quiet). */
  info(text: string): void {
    if (!this.options.quiet) this.options.stderr.write(`${text}\n`);
  }

  /** A diagnostic on stderr (only with --verbose). */
  debug(text: string): void {
    if (this.options.verbose) this.options.stderr.write(`${this.errColors.dim(text)}\n`);
  }

  warn(text: string): void {
    this.options.stderr.write(`${this.errColors.yellow(`aviso: ${text}`)}\n`);
  }

  /** `erro: …` in red on stderr. */
  error(text: string): void {
    this.options.stderr.write(`${this.errColors.red(`erro: ${text}`)}\n`);
  }
}
