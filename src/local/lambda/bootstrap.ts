// The worker process of a Lambda function: forked by the engine (one process per warm
// execution environment), it loads the handler from LAMBDA_TASK_ROOT/_HANDLER like Lambda's
// Node.js runtime does and runs one invocation at a time, received over IPC.
// Nothing here is imported by the engine: a crash, exit or endless loop here only ends this process.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { format, types } from "node:util";
import { Worker } from "node:worker_threads";
import type { FromWorker, RuntimeErrorDocument, ToWorker } from "./protocol.js";

const taskRoot = process.env.LAMBDA_TASK_ROOT ?? process.cwd();
const handlerString = process.env._HANDLER ?? "";

function send(message: FromWorker): void {
  if (process.connected) process.send?.(message);
}

// ---- console: Lambda's text log format, "<ISO time>\t<request id>\t<LEVEL>\t<message>" ----
let currentRequestId: string | undefined;
const writeThrough = (chunk: unknown, encoding?: unknown, callback?: unknown): boolean => {
  const data =
    typeof chunk === "string"
      ? chunk
      : Buffer.from(chunk as Uint8Array).toString(
          typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8",
        );
  send({ t: "log", data });
  const done = typeof encoding === "function" ? encoding : callback;
  if (typeof done === "function") done();
  return true;
};
process.stdout.write = writeThrough as typeof process.stdout.write;
process.stderr.write = writeThrough as typeof process.stderr.write;

function logLine(level: string, args: unknown[]): void {
  const requestId = currentRequestId ?? "undefined";
  send({
    t: "log",
    data: `${new Date().toISOString()}\t${requestId}\t${level}\t${format(...args)}\n`,
  });
}
console.log = (...args: unknown[]) => logLine("INFO", args);
console.info = (...args: unknown[]) => logLine("INFO", args);
console.warn = (...args: unknown[]) => logLine("WARN", args);
console.error = (...args: unknown[]) => logLine("ERROR", args);
console.debug = (...args: unknown[]) => logLine("DEBUG", args);
console.trace = (...args: unknown[]) => logLine("TRACE", args);

// ---- errors: the same document as Lambda's runtime interface client ----
function isErrorLike(value: unknown): value is Error {
  if (types.isNativeError(value)) return true;
  const v = value as Record<string, unknown> | null;
  return (
    !!v &&
    typeof v.name === "string" &&
    typeof v.message === "string" &&
    typeof v.stack === "string" &&
    v.name !== "" &&
    v.message !== ""
  );
}

function toErrorDocument(value: unknown): RuntimeErrorDocument {
  try {
    if (isErrorLike(value)) {
      return {
        errorType: value.name,
        errorMessage: value.message,
        trace: (value.stack ?? "").split("\n"),
      };
    }
    return { errorType: typeof value, errorMessage: String(value), trace: [] };
  } catch {
    return {
      errorType: "handled",
      errorMessage:
        "callback called with Error argument, but there was a problem while retrieving one or more of its message, name, and stack",
    };
  }
}

/** Errors of the runtime itself ("Runtime.HandlerNotFound", …), named as Lambda names them. */
function runtimeError(kind: string, message: string): Error {
  const error = new Error(message);
  error.name = `Runtime.${kind}`;
  return error;
}

// ---- handler loading: file resolution as Lambda's Node.js runtime does it ----
function hasTypeModule(file: string): boolean {
  // The nearest package.json between the file and the task root decides, as in Node.
  let folder = dirname(file);
  const root = resolve(taskRoot);
  for (;;) {
    const pj = join(folder, "package.json");
    if (existsSync(pj)) {
      try {
        return JSON.parse(readFileSync(pj, "utf8"))?.type === "module";
      } catch {
        return false;
      }
    }
    if (folder === root || folder === dirname(folder) || !folder.startsWith(root)) return false;
    folder = dirname(folder);
  }
}

async function loadModule(moduleRoot: string, moduleName: string): Promise<unknown> {
  const modulePath = resolve(taskRoot, moduleRoot, moduleName);
  const require = createRequire(join(taskRoot, "index.js"));
  if (existsSync(modulePath) && !modulePath.endsWith("/")) return require(modulePath);
  const typeModule = existsSync(`${modulePath}.js`) && hasTypeModule(`${modulePath}.js`);
  if (!typeModule && existsSync(`${modulePath}.js`)) return require(`${modulePath}.js`);
  if (typeModule) return import(pathToFileURL(`${modulePath}.js`).href);
  if (existsSync(`${modulePath}.mjs`)) return import(pathToFileURL(`${modulePath}.mjs`).href);
  if (existsSync(`${modulePath}.cjs`)) return require(`${modulePath}.cjs`);
  // Last, Node's own resolution of the bare name (node_modules), as Lambda's runtime does.
  return require(require.resolve(moduleName, { paths: [taskRoot, moduleRoot] }));
}

type Handler = (event: unknown, context: unknown, callback: unknown) => unknown;

async function loadHandler(): Promise<Handler> {
  if (handlerString.includes("..")) {
    throw runtimeError(
      "MalformedHandlerName",
      `'${handlerString}' is not a valid handler name. Use absolute paths when specifying root directories in handler names.`,
    );
  }
  const slash = handlerString.lastIndexOf("/");
  const moduleRoot = handlerString.slice(0, slash + 1);
  const base = handlerString.slice(slash + 1);
  const match = /^([^.]*)\.(.*)$/.exec(base);
  if (!match) throw runtimeError("MalformedHandlerName", "Bad handler");
  const [, moduleName, exportPath] = match;
  let userModule: unknown;
  try {
    userModule = await loadModule(moduleRoot, moduleName);
  } catch (error) {
    if (error instanceof SyntaxError) throw runtimeError("UserCodeSyntaxError", String(error));
    if ((error as { code?: string }).code === "MODULE_NOT_FOUND") {
      throw runtimeError("ImportModuleError", String(error));
    }
    throw error;
  }
  const handler = exportPath
    .split(".")
    .reduce<unknown>((obj, key) => (obj as Record<string, unknown> | undefined)?.[key], userModule);
  if (!handler)
    throw runtimeError("HandlerNotFound", `${handlerString} is undefined or not exported`);
  if (typeof handler !== "function") {
    throw runtimeError("HandlerNotFound", `${handlerString} is not a function`);
  }
  return handler as Handler;
}

// ---- invocation ----
let handlerPromise: Promise<Handler> | undefined;
let currentId: number | undefined;

/**
 * The process's peak-ish memory for the REPORT line ("Max Memory Used"). Reading it costs three
 * system calls (/proc/self/stat), a third of an invocation's: it is read again only after
 * RSS_EVERY_MS, and the figure stays a peak.
 */
let maxRss = 0;
let rssReadAt = Number.NEGATIVE_INFINITY;
const RSS_EVERY_MS = 100;
function rssMb(): number {
  const now = Date.now();
  if (now - rssReadAt >= RSS_EVERY_MS) {
    rssReadAt = now;
    maxRss = Math.max(maxRss, process.memoryUsage.rss());
  }
  return Math.ceil(maxRss / 1048576);
}

function finish(id: number, outcome: { payload: string } | { error: unknown }, fatal = false) {
  if (currentId !== id) return; // the callback or promise settled twice: Lambda keeps the first
  currentId = undefined;
  currentRequestId = undefined;
  if ("payload" in outcome) {
    send({ t: "result", id, payload: outcome.payload, rssMb: rssMb() });
  } else {
    const doc = toErrorDocument(outcome.error);
    logLine("ERROR", [`Invoke Error \t${JSON.stringify(doc)}`]);
    send({ t: "error", id, error: doc, fatal, rssMb: rssMb() });
  }
}

function parseClientContext(text: string | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function serialize(result: unknown): string {
  return JSON.stringify(result === undefined ? null : result);
}

async function invoke(message: Extract<ToWorker, { t: "invoke" }>): Promise<void> {
  const { id, context: fields } = message;
  currentId = id;
  currentRequestId = fields.awsRequestId;
  let handler: Handler;
  try {
    handlerPromise ??= loadHandler();
    handler = await handlerPromise;
  } catch (error) {
    finish(id, { error }, true); // an init failure: the environment is discarded, as on Lambda
    return;
  }
  let event: unknown;
  try {
    event = JSON.parse(message.event);
  } catch (error) {
    finish(id, { error });
    return;
  }
  const env = process.env;
  const settle = (error: unknown, result?: unknown) => {
    if (error !== null && error !== undefined) finish(id, { error });
    else {
      try {
        finish(id, { payload: serialize(result) });
      } catch (e) {
        finish(id, { error: e });
      }
    }
  };
  // A callback handler's response waits for the event loop to empty unless the handler sets
  // context.callbackWaitsForEmptyEventLoop = false ("Using the callback" in
  // https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html). The IPC channel is
  // unreferenced meanwhile so that it does not count as pending work.
  let called = false;
  const callback = (error: unknown, result?: unknown) => {
    if (called || currentId !== id) return;
    called = true;
    if (!context.callbackWaitsForEmptyEventLoop) {
      settle(error, result);
      return;
    }
    const channel = (process as { channel?: { ref(): void; unref(): void } }).channel;
    channel?.unref();
    process.once("beforeExit", () => {
      channel?.ref();
      settle(error, result);
    });
  };
  const context = {
    awsRequestId: fields.awsRequestId,
    invokedFunctionArn: fields.invokedFunctionArn,
    functionName: env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: env.AWS_LAMBDA_FUNCTION_VERSION,
    memoryLimitInMB: env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    logGroupName: env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME,
    clientContext: parseClientContext(fields.clientContext),
    identity: undefined,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(fields.deadlineMs - Date.now(), 0),
    succeed: (result: unknown) => callback(null, result),
    fail: (error: unknown) => callback(error ?? "handled"),
    done: (error: unknown, result?: unknown) => callback(error, result),
  };
  try {
    const returned = handler(event, context, callback);
    if (returned && typeof (returned as Promise<unknown>).then === "function") {
      (returned as Promise<unknown>).then(
        (result) => settle(null, result),
        (error) => settle(error ?? new Error("handled")),
      );
    }
  } catch (error) {
    finish(id, { error });
  }
}

process.on("message", (message: ToWorker) => {
  if (message?.t === "invoke") void invoke(message);
});

// An error escaping the handler's promise chain ends the environment, like Lambda's runtime:
// the current invocation fails with it (fatal: the engine then discards this process, so the
// next invoke starts cold). Outside an invocation there is nobody to tell: log and exit.
process.on("uncaughtException", (error) => {
  if (currentId !== undefined) finish(currentId, { error }, true);
  else {
    logLine("ERROR", [`Uncaught Exception \t${JSON.stringify(toErrorDocument(error))}`]);
    process.exitCode = 129;
    process.disconnect?.();
  }
});
process.on("unhandledRejection", (reason) => {
  const error = runtimeError("UnhandledPromiseRejection", String(reason));
  if (currentId !== undefined) finish(currentId, { error }, true);
  else {
    logLine("ERROR", [`Unhandled Promise Rejection \t${JSON.stringify(toErrorDocument(error))}`]);
    process.exitCode = 128;
    process.disconnect?.();
  }
});
process.on("disconnect", () => process.exit());

// If the engine dies (even by SIGKILL) this process must not outlive it, and a handler stuck in
// a loop never lets "disconnect" run: a watchdog thread, which a busy main thread cannot block,
// kills the process once it has been re-parented.
const watchdog = new Worker(
  `const { workerData } = require("node:worker_threads");
   setInterval(() => { if (process.ppid !== workerData.ppid) process.kill(process.pid, "SIGKILL"); }, 500);`,
  { eval: true, workerData: { ppid: process.ppid } },
);
watchdog.unref();
