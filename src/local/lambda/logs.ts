// Function logs: every line a function's environments print goes to
// <home>/logs/lambda/<name>.log, framed by START/END/REPORT lines as in CloudWatch Logs.
import { createWriteStream, mkdirSync, type WriteStream } from "node:fs";
import { join } from "node:path";

/** The most of an invocation's log that `LogType: Tail` returns (X-Amz-Log-Result). */
export const TAIL_BYTES = 4096;

export class FunctionLogs {
  private readonly streams = new Map<string, WriteStream>();
  private disposed = false;

  constructor(readonly dir: string) {}

  path(name: string): string {
    return join(this.dir, `${name}.log`);
  }

  append(name: string, text: string): void {
    if (this.disposed) return;
    let stream = this.streams.get(name);
    if (!stream) {
      mkdirSync(this.dir, { recursive: true });
      stream = createWriteStream(this.path(name), { flags: "a" });
      stream.on("error", () => this.streams.delete(name));
      this.streams.set(name, stream);
    }
    // Lines written in one event-loop turn (START, END, REPORT of many invocations) reach the
    // file in one write.
    if (!stream.writableCorked) {
      stream.cork();
      const corked = stream;
      setImmediate(() => corked.uncork());
    }
    stream.write(text);
  }

  /** Closes every file for good (engine stop): later lines are dropped. */
  dispose(): Promise<void> {
    this.disposed = true;
    return this.close();
  }

  /** Flushes and closes the files of a function (or of all functions); reopened on demand. */
  async close(name?: string): Promise<void> {
    const names = name ? [name] : [...this.streams.keys()];
    await Promise.all(
      names.map((n) => {
        const stream = this.streams.get(n);
        this.streams.delete(n);
        return stream ? new Promise<void>((resolve) => stream.end(resolve)) : undefined;
      }),
    );
  }
}

/** The base64 of the last 4 KB of an invocation's log, as Lambda returns it for LogType Tail. */
export function tailBase64(log: string): string {
  const bytes = Buffer.from(log, "utf8");
  return bytes.subarray(Math.max(bytes.length - TAIL_BYTES, 0)).toString("base64");
}
