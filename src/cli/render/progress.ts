// Feedback while waiting, on stderr and only on a terminal: an ora spinner for one execution and
// a cli-progress bar for a file. Off a terminal (or with --json/--quiet) both are silent no-ops,
// and the libraries are not even loaded.
import type { WritableText } from "./output.js";

export interface Spinner {
  update(text: string): void;
  stop(): void;
}

const SILENT_SPINNER: Spinner = { update() {}, stop() {} };

export async function startSpinner(
  stream: WritableText,
  text: string,
  enabled: boolean,
): Promise<Spinner> {
  if (!enabled || !stream.isTTY) return SILENT_SPINNER;
  const { default: ora } = await import("ora");
  const spinner = ora({ text, stream: stream as NodeJS.WritableStream }).start();
  return {
    update(next) {
      spinner.text = next;
    },
    stop() {
      spinner.stop();
    },
  };
}

export interface ProgressBar {
  increment(label?: string): void;
  stop(): void;
}

const SILENT_BAR: ProgressBar = { increment() {}, stop() {} };

export async function startProgressBar(
  stream: WritableText,
  total: number,
  enabled: boolean,
): Promise<ProgressBar> {
  if (!enabled || !stream.isTTY || total === 0) return SILENT_BAR;
  const { default: progress } = await import("cli-progress");
  const bar = new progress.SingleBar(
    {
      stream: stream as NodeJS.WritableStream,
      format:
        "cadastrando [{bar}] {value}/{total} · {percentage}% · {eta_formatted} restantes · {ultima}",
      hideCursor: true,
      clearOnComplete: true,
    },
    progress.Presets.shades_classic,
  );
  bar.start(total, 0, { ultima: "" });
  return {
    increment(label) {
      bar.increment(1, { ultima: label ?? "" });
    },
    stop() {
      bar.stop();
    },
  };
}
