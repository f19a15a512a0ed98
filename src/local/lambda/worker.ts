// One execution environment: a forked Node.js process running bootstrap.js, one invocation at a
// time. The engine never runs user code in its own process; it only talks to this one over IPC,
// kills it at the function's timeout and notices when it dies.
import { type ChildProcess, fork } from "node:child_process";
import type {
  FromWorker,
  InvokeContextFields,
  RuntimeErrorDocument,
  ToWorker,
} from "./protocol.js";

export interface WorkerSpec {
  bootstrapPath: string;
  taskRoot: string;
  env: Record<string, string>;
  memoryMb: number;
}

/** How one invocation ended, before it is turned into an Invoke response. */
export type Outcome =
  | { kind: "result"; payload: string }
  | { kind: "error"; error: RuntimeErrorDocument }
  | { kind: "timeout"; elapsedMs: number }
  | { kind: "exit"; detail: string };

interface Current {
  id: number;
  resolve(outcome: Outcome): void;
  onLog(data: string): void;
  timer: NodeJS.Timeout;
  startedAt: number;
}

let nextId = 1;

/** How Go's os/exec (Lambda's init process) words a process end, as seen in Runtime.ExitError. */
function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  const signals: Partial<Record<NodeJS.Signals, string>> = {
    SIGKILL: "killed",
    SIGABRT: "aborted",
    SIGSEGV: "segmentation fault",
    SIGTERM: "terminated",
    SIGINT: "interrupt",
    SIGBUS: "bus error",
  };
  if (signal) return `signal: ${signals[signal] ?? signal}`;
  return `exit status ${code ?? 0}`;
}

export class Worker {
  readonly process: ChildProcess;
  dead = false;
  /** The memory the process last reported, in MB (REPORT's "Max Memory Used"). */
  memoryUsedMb = 0;
  private current: Current | undefined;
  private readonly onIdleLog: (data: string) => void;

  constructor(spec: WorkerSpec, onIdleLog: (data: string) => void) {
    this.onIdleLog = onIdleLog;
    // Lambda's Node.js runtime caps the V8 heap below the function's memory; 90% here.
    const heapMb = Math.max(Math.floor(spec.memoryMb * 0.9), 16);
    this.process = fork(spec.bootstrapPath, [], {
      cwd: spec.taskRoot,
      env: spec.env,
      execArgv: [`--max-old-space-size=${heapMb}`],
      stdio: ["ignore", "pipe", "pipe", "ipc"],
      serialization: "json",
    });
    const raw = (chunk: Buffer) => this.log(chunk.toString("utf8"));
    this.process.stdout?.on("data", raw);
    this.process.stderr?.on("data", raw);
    this.process.on("message", (message: FromWorker) => this.onMessage(message));
    this.process.on("exit", (code, signal) => this.onExit(code, signal));
    this.process.on("error", () => this.onExit(null, "SIGKILL"));
  }

  get busy(): boolean {
    return this.current !== undefined;
  }

  invoke(
    event: string,
    context: InvokeContextFields,
    timeoutMs: number,
    onLog: (data: string) => void,
  ) {
    return new Promise<Outcome>((resolve) => {
      if (this.dead) {
        resolve({ kind: "exit", detail: "Runtime exited without providing a reason" });
        return;
      }
      const id = nextId++;
      const startedAt = Date.now();
      const timer = setTimeout(() => {
        this.kill();
        this.settle({ kind: "timeout", elapsedMs: Date.now() - startedAt });
      }, timeoutMs);
      this.current = { id, resolve, onLog, timer, startedAt };
      const message: ToWorker = { t: "invoke", id, event, context };
      this.process.send(message, (error) => {
        if (error) this.onExit(null, "SIGKILL");
      });
    });
  }

  kill(): void {
    this.dead = true;
    if (this.process.exitCode === null && this.process.signalCode === null) {
      this.process.kill("SIGKILL");
    }
  }

  private log(data: string): void {
    if (this.current) this.current.onLog(data);
    else this.onIdleLog(data);
  }

  private settle(outcome: Outcome): void {
    const current = this.current;
    if (!current) return;
    this.current = undefined;
    clearTimeout(current.timer);
    current.resolve(outcome);
  }

  private onMessage(message: FromWorker): void {
    if (message.t === "log") {
      this.log(message.data);
      return;
    }
    if (!this.current || this.current.id !== message.id) return;
    this.memoryUsedMb = message.rssMb;
    if (message.t === "result") {
      this.settle({ kind: "result", payload: message.payload });
    } else {
      if (message.fatal) this.kill();
      this.settle({ kind: "error", error: message.error });
    }
  }

  private onExit(code: number | null, signal: NodeJS.Signals | null): void {
    this.dead = true;
    const detail =
      code === 0 && !signal
        ? "Runtime exited without providing a reason"
        : `Runtime exited with error: ${describeExit(code, signal)}`;
    this.settle({ kind: "exit", detail });
  }
}
