// The execution side of the local Lambda: warm pools of worker processes per function version,
// one invocation's life (START … END/REPORT, timeout, crash) and its result as Invoke returns it.
import { randomBytes, randomUUID } from "node:crypto";
import { availableParallelism } from "node:os";
import { dirname, join } from "node:path";
import { resolveBootstrap } from "./code.js";
import type { FunctionConfiguration } from "./config.js";
import { awsError } from "./fail.js";
import { FunctionStore } from "./functions.js";
import { FunctionLogs, tailBase64 } from "./logs.js";
import { Pool } from "./pool.js";
import type { Outcome, WorkerSpec } from "./worker.js";

/** What the runtime needs from the engine (EngineContext satisfies it). */
export interface LambdaHost {
  home: string;
  accountId: string;
  defaultRegion: string;
  endpoint?: string;
}

export interface RuntimeOptions {
  /** Execution environments per function version that may run at once (default 4 per core, or CONTABANCO_LAMBDA_CONCURRENCY). */
  maxConcurrency?: number;
  /** How long an idle environment stays warm (default 10 minutes). */
  idleMs?: number;
}

/** The result of one invocation, as the Invoke API returns it. */
export interface InvokeResult {
  statusCode: number;
  payload: Buffer;
  functionError?: string;
  executedVersion?: string;
  logResult?: string;
}

/** The largest synchronous response payload Lambda returns. */
const MAX_RESPONSE_BYTES = 6_291_556;

/**
 * Environments per function version: CONTABANCO_LAMBDA_CONCURRENCY, else 4 per core. An
 * invocation's round trip waits for the engine's event loop twice, so with few environments
 * concurrent executions queue for one while the environments sit idle (StartSyncExecution with
 * 64 clients on 2 cores: 4 environments 360-500/s, 16 environments 540-590/s).
 */
function defaultConcurrency(): number {
  const n = Number.parseInt(process.env.CONTABANCO_LAMBDA_CONCURRENCY ?? "", 10);
  return Number.isInteger(n) && n > 0 ? n : 4 * Math.max(1, availableParallelism());
}

function regionOf(arn: string, fallback: string): string {
  return arn.split(":")[3] || fallback;
}

function logStreamName(version: string): string {
  const day = new Date().toISOString().slice(0, 10).replaceAll("-", "/");
  return `${day}/[${version}]${randomBytes(16).toString("hex")}`;
}

function errorPayload(outcome: Outcome, requestId: string, timeoutSeconds: number): object {
  switch (outcome.kind) {
    case "error":
      return outcome.error;
    case "timeout":
      // The Node.js runtime's timeout document: only errorMessage, "<time> <request id> Task
      // timed out after N.NN seconds" (no errorType; Step Functions reports it as Lambda.Unknown).
      // N.NN is the configured timeout (Lambda shows the measured duration, a few ms more).
      return {
        errorMessage: `${new Date().toISOString()} ${requestId} Task timed out after ${timeoutSeconds.toFixed(2)} seconds`,
      };
    case "exit":
      return {
        errorType: "Runtime.ExitError",
        errorMessage: `RequestId: ${requestId} Error: ${outcome.detail}`,
      };
    default:
      return {};
  }
}

export class LambdaRuntime {
  readonly store: FunctionStore;
  readonly logs: FunctionLogs;
  private readonly pools = new Map<string, { revision: string; pool: Pool }>();
  private readonly background = new Set<Promise<unknown>>();
  private stopped = false;

  constructor(
    readonly host: LambdaHost,
    private readonly options: RuntimeOptions = {},
  ) {
    this.store = new FunctionStore(join(host.home, "lambda"));
    this.logs = new FunctionLogs(join(host.home, "logs", "lambda"));
  }

  /** Runs one invocation of this configuration ($LATEST or a published version). */
  async invoke(
    config: FunctionConfiguration,
    event: string,
    options: { logTail?: boolean; clientContext?: string } = {},
  ): Promise<InvokeResult> {
    const name = config.FunctionName;
    const requestId = randomUUID();
    const pool = await this.poolFor(config);
    let log = `START RequestId: ${requestId} Version: ${config.Version}\n`;
    const emit = (text: string) => {
      if (options.logTail) log += text;
      this.logs.append(name, text);
    };
    this.logs.append(name, log);
    const worker = await pool.acquire().catch(() => {
      throw awsError("ServiceException", "The local Lambda runtime is stopping.", 500);
    });
    const startedAt = performance.now();
    const timeoutMs = config.Timeout * 1000;
    let outcome: Outcome;
    try {
      outcome = await worker.invoke(
        event,
        {
          awsRequestId: requestId,
          invokedFunctionArn: config.FunctionArn,
          deadlineMs: Date.now() + timeoutMs,
          clientContext: options.clientContext,
        },
        timeoutMs,
        emit,
      );
    } finally {
      pool.release(worker);
    }
    const duration = performance.now() - startedAt;
    const result: InvokeResult = {
      statusCode: 200,
      payload: Buffer.alloc(0),
      executedVersion: config.Version,
    };
    if (outcome.kind === "result" && Buffer.byteLength(outcome.payload) > MAX_RESPONSE_BYTES) {
      result.payload = Buffer.from(
        JSON.stringify({
          errorType: "Function.ResponseSizeTooLarge",
          errorMessage: `Response payload size exceeded maximum allowed payload size (${MAX_RESPONSE_BYTES} bytes).`,
        }),
      );
      result.functionError = "Unhandled";
    } else if (outcome.kind === "result") {
      result.payload = Buffer.from(outcome.payload, "utf8");
    } else {
      const doc = errorPayload(outcome, requestId, config.Timeout);
      result.payload = Buffer.from(JSON.stringify(doc), "utf8");
      result.functionError = "Unhandled";
      if (outcome.kind === "exit")
        emit(`RequestId: ${requestId} Error: ${outcome.detail}\nRuntime.ExitError\n`);
    }
    emit(`END RequestId: ${requestId}\n`);
    emit(
      `REPORT RequestId: ${requestId}\tDuration: ${duration.toFixed(2)} ms\tBilled Duration: ${Math.max(Math.ceil(duration), 1)} ms\tMemory Size: ${config.MemorySize} MB\tMax Memory Used: ${worker.memoryUsedMb} MB\t\n`,
    );
    if (outcome.kind === "timeout") {
      emit(`${(JSON.parse(result.payload.toString()) as { errorMessage: string }).errorMessage}\n`);
    }
    if (options.logTail) result.logResult = tailBase64(log);
    return result;
  }

  /** Starts an invocation in the background (InvocationType Event); its errors only reach the log. */
  invokeAsync(config: FunctionConfiguration, event: string): void {
    const run = this.invoke(config, event).catch((error: unknown) => {
      this.logs.append(config.FunctionName, `Event invocation failed: ${String(error)}\n`);
    });
    this.background.add(run);
    void run.finally(() => this.background.delete(run));
  }

  /** Discards the warm environments of a function or of one of its versions. */
  retire(name: string, version?: string): void {
    for (const [key, entry] of this.pools) {
      if (version ? key === `${name}:${version}` : key.startsWith(`${name}:`)) {
        entry.pool.close();
        this.pools.delete(key);
      }
    }
  }

  /** Number of worker processes currently alive for a function version (diagnostics, tests). */
  workerCount(name: string, version = "$LATEST"): number {
    return this.pools.get(`${name}:${version}`)?.pool.size ?? 0;
  }

  async shutdown(): Promise<void> {
    this.stopped = true;
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map((entry) => entry.pool.destroy()));
    await Promise.allSettled([...this.background]);
    await this.logs.dispose();
  }

  private async poolFor(config: FunctionConfiguration): Promise<Pool> {
    if (this.stopped)
      throw awsError("ServiceException", "The local Lambda runtime is stopping.", 500);
    const key = `${config.FunctionName}:${config.Version}`;
    const revision = `${config.CodeSha256}|${config.RevisionId}`;
    const existing = this.pools.get(key);
    if (existing && existing.revision === revision) return existing.pool;
    existing?.pool.close();
    const bootstrapPath = await resolveBootstrap();
    const taskRoot = this.store.codeDir(config.FunctionName, config.CodeSha256);
    const again = this.pools.get(key);
    if (again && again.revision === revision) return again.pool;
    const pool = new Pool(
      () => this.spec(config, bootstrapPath, taskRoot),
      {
        max: this.options.maxConcurrency ?? defaultConcurrency(),
        idleMs: this.options.idleMs ?? 600_000,
      },
      (data) => this.logs.append(config.FunctionName, data),
    );
    this.pools.set(key, { revision, pool });
    return pool;
  }

  private spec(config: FunctionConfiguration, bootstrapPath: string, taskRoot: string): WorkerSpec {
    const region = regionOf(config.FunctionArn, this.host.defaultRegion);
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? "/usr/local/bin:/usr/bin:/bin",
      LANG: "en_US.UTF-8",
      TZ: ":UTC",
      NODE_OPTIONS: "",
      LAMBDA_TASK_ROOT: taskRoot,
      LAMBDA_RUNTIME_DIR: dirname(bootstrapPath),
      _HANDLER: config.Handler,
      AWS_REGION: region,
      AWS_DEFAULT_REGION: region,
      AWS_EXECUTION_ENV: `AWS_Lambda_${config.Runtime}`,
      AWS_LAMBDA_FUNCTION_NAME: config.FunctionName,
      AWS_LAMBDA_FUNCTION_VERSION: config.Version,
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(config.MemorySize),
      AWS_LAMBDA_LOG_GROUP_NAME: config.LoggingConfig.LogGroup,
      AWS_LAMBDA_LOG_STREAM_NAME: logStreamName(config.Version),
      AWS_LAMBDA_INITIALIZATION_TYPE: "on-demand",
      // The function's role credentials on Lambda; here the engine accepts any key.
      AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID ?? "test",
      AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY ?? "test",
      AWS_SESSION_TOKEN: process.env.AWS_SESSION_TOKEN ?? "test",
    };
    // SDK clients inside the function talk to this engine, as they would to AWS from Lambda.
    if (this.host.endpoint) env.AWS_ENDPOINT_URL = this.host.endpoint;
    Object.assign(env, config.Environment?.Variables ?? {});
    return { bootstrapPath, taskRoot, env, memoryMb: config.MemorySize };
  }
}
