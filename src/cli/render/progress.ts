// Feedback while waiting, on stderr and only on a terminal: an ora spinner for one execution and
// a cli-progress bar for a file. Off a terminal (or with --json/--quiet) both are silent no-ops,
// and the libraries are not even loaded.
import type { WritableText } from "./output.js";

/**
 * A terminal we can animate: a TTY that reports a width. Some pseudo-terminals report 0 columns,
 * and ora then computes an infinite number of lines to clear and never stops writing.
 */
export function canAnimate(stream: WritableText): boolean {
  const columns = (stream as { columns?: number }).columns;
  return stream.isTTY === true && typeof columns === "number" && columns > 0;
}

export interface Spinner {
  update(text: string): void;
  stop(): void;
}

const SILENT_SPINNER: Spinner = { update() {}, stop() {} };

/** `colored`: false under --no-color or NO_COLOR (ora would color its frames on a terminal). */
export async function startSpinner(
  stream: WritableText,
  text: string,
  enabled: boolean,
  colored: boolean,
): Promise<Spinner> {
  if (!enabled || !canAnimate(stream)) return SILENT_SPINNER;
  const { default: ora } = await import("ora");
  const spinner = ora({
    text,
    stream: stream as NodeJS.WritableStream,
    color: colored ? "cyan" : false,
  }).start();
  return {
    update(next) {
      spinner.text = next;
      // ora draws a new text on its next 80 ms tick: a registration's states come faster.
      if (spinner.isSpinning) spinner.render();
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
  if (!enabled || !canAnimate(stream) || total === 0) return SILENT_BAR;
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
