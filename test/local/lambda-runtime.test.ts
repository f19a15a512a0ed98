// The local Lambda runtime: real worker processes running handlers from real zips.
import { execFile } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveBootstrap } from "../../src/local/lambda/code.js";
import { getLambdaRuntime, invokeFunction, shutdownLambda } from "../../src/local/lambda/index.js";
import { createFunction } from "../../src/local/services/lambda/create-function.js";
import { updateFunctionCode } from "../../src/local/services/lambda/update-function-code.js";
import { updateFunctionConfiguration } from "../../src/local/services/lambda/update-function-configuration.js";
import { eventually, ROLE, tempHome, zipBase64 } from "./lambda/helpers.js";

const home = tempHome();
const host = { home, accountId: "000000000000", defaultRegion: "us-east-1" };

function deploy(
  name: string,
  files: Record<string, string>,
  extra: {
    Handler?: string;
    Timeout?: number;
    MemorySize?: number;
    env?: Record<string, string>;
  } = {},
) {
  return createFunction(host, {
    FunctionName: name,
    Runtime: "nodejs20.x",
    Role: ROLE,
    Handler: extra.Handler ?? "index.handler",
    Timeout: extra.Timeout,
    MemorySize: extra.MemorySize,
    Environment: extra.env ? { Variables: extra.env } : undefined,
    Code: { ZipFile: zipBase64(files) },
  });
}

async function call(name: string, event: unknown = {}, logType?: "Tail") {
  const result = await invokeFunction(host, {
    functionName: name,
    payload: JSON.stringify(event),
    logType,
  });
  return { ...result, json: JSON.parse(result.payload.toString() || "null") };
}

const WARM = `let count = 0;
export const handler = async () => ({ count: ++count, pid: process.pid });`;

beforeAll(() => {
  process.env.CONTABANCO_ENGINE_ONLY_SECRET = "do-not-leak";
  deploy("asyncEsm", {
    "index.mjs": `export const handler = async (event, context) => ({ echo: event, fn: context.functionName });`,
  });
  deploy("callbackCjs", {
    "index.js": `exports.handler = (event, context, callback) => {
      setTimeout(() => callback(null, { sum: event.a + event.b }), 5);
    };`,
  });
  deploy("throwsNamed", {
    "index.mjs": `class ContaInvalida extends Error { constructor(m) { super(m); this.name = "ContaInvalida"; } }
      export const handler = async () => { throw new ContaInvalida("conta: dígito verificador inválido"); };`,
  });
  deploy("exits", {
    "index.js": `let calls = 0;
      exports.handler = async (event) => { calls++; if (event.exit) process.exit(1); return { calls }; };`,
  });
  deploy("loops", { "index.js": `exports.handler = async () => { for (;;) {} };` }, { Timeout: 1 });
  deploy(
    "envAndContext",
    {
      "index.js": `exports.handler = async (event, context) => ({
        env: { FOO: process.env.FOO, name: process.env.AWS_LAMBDA_FUNCTION_NAME, region: process.env.AWS_REGION,
               memory: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE, handler: process.env._HANDLER,
               leaked: process.env.CONTABANCO_ENGINE_ONLY_SECRET ?? null, tz: process.env.TZ },
        context: { awsRequestId: context.awsRequestId, functionName: context.functionName,
                   functionVersion: context.functionVersion, invokedFunctionArn: context.invokedFunctionArn,
                   memoryLimitInMB: context.memoryLimitInMB, logGroupName: context.logGroupName,
                   logStreamName: context.logStreamName, remaining: context.getRemainingTimeInMillis(),
                   waits: context.callbackWaitsForEmptyEventLoop },
      });`,
    },
    { env: { FOO: "bar" }, MemorySize: 256, Timeout: 7 },
  );
  deploy("warm", { "index.mjs": WARM });
  deploy(
    "barrier",
    {
      "index.js": `const fs = require("node:fs");
        exports.handler = async (event, context) => {
          fs.writeFileSync(event.dir + "/" + context.awsRequestId, "");
          while (fs.readdirSync(event.dir).length < event.n) await new Promise((r) => setTimeout(r, 10));
          return { pid: process.pid, seen: fs.readdirSync(event.dir).length };
        };`,
    },
    { Timeout: 20 },
  );
  deploy("uncaught", {
    "index.js": `let calls = 0;
      exports.handler = (event, context, callback) => {
        calls++;
        if (event.boom) { setTimeout(() => { const e = new Error("fora do handler"); e.name = "Assincrono"; throw e; }, 1); return; }
        callback(null, { calls });
      };`,
  });
  deploy("logs", {
    "index.js": `exports.handler = async (event) => { console.log("olá", event.who); console.error("falhou %d", 42); return "ok"; };`,
  });
  deploy(
    "nested",
    { "src/app/main.cjs": `module.exports.run = { go: async () => "deep" };` },
    { Handler: "src/app/main.run.go" },
  );
  deploy("noHandler", { "index.js": `exports.other = async () => 1;` });
  deploy("noModule", { "other.js": `exports.handler = async () => 1;` });
});

afterAll(async () => {
  await shutdownLambda(host);
  delete process.env.CONTABANCO_ENGINE_ONLY_SECRET;
});

describe("handler contract", () => {
  it("runs an async ESM handler with the event and context", async () => {
    const r = await call("asyncEsm", { conta: "12345-6" });
    expect(r.statusCode).toBe(200);
    expect(r.functionError).toBeUndefined();
    expect(r.executedVersion).toBe("$LATEST");
    expect(r.json).toEqual({ echo: { conta: "12345-6" }, fn: "asyncEsm" });
  });

  it("runs a callback-style CommonJS handler", async () => {
    expect((await call("callbackCjs", { a: 2, b: 40 })).json).toEqual({ sum: 42 });
  });

  it("waits for the event loop to empty after a callback, unless told not to", async () => {
    const files = {
      "index.js": `const fs = require("node:fs");
          exports.handler = (event, context, callback) => {
            if (event.mode === "pending") setTimeout(() => fs.writeFileSync(event.file, "depois"), 50);
            if (event.mode === "interval") setInterval(() => {}, 1000);
            if (event.noWait) context.callbackWaitsForEmptyEventLoop = false;
            callback(null, "pronto");
          };`,
    };
    deploy("waits", files, { Timeout: 10 });
    deploy("waitsStuck", files, { Timeout: 1 });
    const file = join(tempHome("contabanco-waits-"), "out.txt");
    const pending = await call("waits", { mode: "pending", file });
    expect(pending.json).toBe("pronto");
    expect(readFileSync(file, "utf8")).toBe("depois"); // the timer ran before the response
    const noWait = await call("waits", { mode: "interval", noWait: true });
    expect(noWait.functionError).toBeUndefined();
    expect(noWait.json).toBe("pronto");
    // A timer left running keeps a waiting callback from ever answering: the timeout ends it.
    const stuck = await call("waitsStuck", { mode: "interval" });
    expect(stuck.functionError).toBe("Unhandled");
    expect(stuck.json.errorMessage).toMatch(/Task timed out after 1\.00 seconds$/);
  });

  it("resolves nested handler paths and .cjs files as Lambda does", async () => {
    expect((await call("nested")).json).toBe("deep");
  });

  it("loads .js as an ES module under a package.json of type module, with top-level await", async () => {
    deploy("esmJs", {
      "package.json": JSON.stringify({ type: "module" }),
      "index.js": `const base = await Promise.resolve(40);
        export async function handler(event) { return base + event.n; }`,
    });
    expect((await call("esmJs", { n: 2 })).json).toBe(42);
  });

  it("fails every invocation of a module that throws while loading, each in a fresh environment", async () => {
    deploy("initFails", {
      "index.js": `globalThis.loads = (globalThis.loads ?? 0) + 1;
        const e = new Error("configuração ausente"); e.name = "ErroDeInicio"; throw e;`,
    });
    for (const _ of [1, 2]) {
      const r = await call("initFails");
      expect(r.functionError).toBe("Unhandled");
      expect(r.json).toMatchObject({
        errorType: "ErroDeInicio",
        errorMessage: "configuração ausente",
      });
    }
    expect(getLambdaRuntime(host).workerCount("initFails")).toBe(0);
  });

  it("reports a thrown error with its name as errorType (FunctionError Unhandled)", async () => {
    const r = await call("throwsNamed");
    expect(r.functionError).toBe("Unhandled");
    expect(r.json.errorType).toBe("ContaInvalida");
    expect(r.json.errorMessage).toBe("conta: dígito verificador inválido");
    expect(r.json.trace[0]).toBe("ContaInvalida: conta: dígito verificador inválido");
  });

  it("reports a missing export and a missing module with the runtime's error types", async () => {
    const a = await call("noHandler");
    expect(a.functionError).toBe("Unhandled");
    expect(a.json).toMatchObject({
      errorType: "Runtime.HandlerNotFound",
      errorMessage: "index.handler is undefined or not exported",
    });
    const b = await call("noModule");
    expect(b.json.errorType).toBe("Runtime.ImportModuleError");
    expect(b.json.errorMessage).toMatch(/Cannot find module 'index'/);
  });

  it("passes the function's environment and the standard Lambda variables, nothing of the engine's", async () => {
    const r = await call("envAndContext");
    expect(r.json.env).toEqual({
      FOO: "bar",
      name: "envAndContext",
      region: "us-east-1",
      memory: "256",
      handler: "index.handler",
      leaked: null,
      tz: ":UTC",
    });
    const c = r.json.context;
    expect(c.awsRequestId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
    expect(c.functionName).toBe("envAndContext");
    expect(c.functionVersion).toBe("$LATEST");
    expect(c.invokedFunctionArn).toBe(
      "arn:aws:lambda:us-east-1:000000000000:function:envAndContext",
    );
    expect(c.memoryLimitInMB).toBe("256");
    expect(c.logGroupName).toBe("/aws/lambda/envAndContext");
    expect(c.logStreamName).toMatch(/^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
    expect(c.remaining).toBeGreaterThan(0);
    expect(c.remaining).toBeLessThanOrEqual(7000);
    expect(c.waits).toBe(true);
  });
});

describe("isolation and lifecycle", () => {
  it("keeps the environment warm between invocations", async () => {
    const a = await call("warm");
    const b = await call("warm");
    const c = await call("warm");
    expect([a.json.count, b.json.count, c.json.count]).toEqual([1, 2, 3]);
    expect(new Set([a.json.pid, b.json.pid, c.json.pid]).size).toBe(1);
    expect(a.json.pid).not.toBe(process.pid);
  });

  it("runs concurrent invocations in parallel environments", async () => {
    const dir = tempHome("contabanco-barrier-");
    const results = await Promise.all([1, 2, 3].map(() => call("barrier", { dir, n: 3 })));
    // Each invocation waits until all three have started: only parallel environments finish.
    expect(results.map((r) => r.functionError)).toEqual([undefined, undefined, undefined]);
    expect(new Set(results.map((r) => r.json.pid)).size).toBe(3);
    expect(getLambdaRuntime(host).workerCount("barrier")).toBe(3);
  });

  it("turns process.exit into Runtime.ExitError and starts cold afterwards", async () => {
    expect((await call("exits")).json).toEqual({ calls: 1 });
    const r = await call("exits", { exit: true });
    expect(r.functionError).toBe("Unhandled");
    expect(r.json.errorType).toBe("Runtime.ExitError");
    expect(r.json.errorMessage).toMatch(
      /^RequestId: [0-9a-f-]{36} Error: Runtime exited with error: exit status 1$/,
    );
    expect((await call("exits")).json).toEqual({ calls: 1 });
  });

  it("kills a looping handler at its timeout with Lambda's timeout document", async () => {
    const r = await call("loops");
    expect(r.functionError).toBe("Unhandled");
    expect(Object.keys(r.json)).toEqual(["errorMessage"]);
    expect(r.json.errorMessage).toMatch(
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z [0-9a-f-]{36} Task timed out after 1\.00 seconds$/,
    );
    expect(getLambdaRuntime(host).workerCount("loops")).toBe(0);
  });

  it("fails the invocation on an uncaught exception and discards the environment", async () => {
    expect((await call("uncaught")).json).toEqual({ calls: 1 });
    const r = await call("uncaught", { boom: true });
    expect(r.functionError).toBe("Unhandled");
    expect(r.json).toMatchObject({ errorType: "Assincrono", errorMessage: "fora do handler" });
    expect((await call("uncaught")).json).toEqual({ calls: 1 });
  });

  it("reports a handler that exhausts its memory as a runtime exit", async () => {
    deploy(
      "hog",
      {
        "index.js": `const keep = []; exports.handler = async () => { for (;;) keep.push(new Array(1e5).fill(Math.random())); };`,
      },
      { Timeout: 30 },
    );
    const r = await call("hog");
    expect(r.functionError).toBe("Unhandled");
    expect(r.json.errorType).toBe("Runtime.ExitError");
    expect(r.json.errorMessage).toMatch(
      /Runtime exited with error: (signal: aborted|exit status \d+)/,
    );
  });

  it("does not outlive an engine killed with SIGKILL, even inside an endless loop", async () => {
    const fn = deploy("orphan", {
      "index.js": `exports.handler = async () => { console.log("em laço"); for (;;) {} };`,
    });
    const taskRoot = getLambdaRuntime(host).store.codeDir("orphan", fn.CodeSha256);
    // A stand-in engine: forks the real bootstrap, starts the loop, then dies by SIGKILL.
    const engine = join(tempHome("contabanco-orphan-"), "engine.mjs");
    writeFileSync(
      engine,
      `import { fork } from "node:child_process";
       const child = fork(${JSON.stringify(await resolveBootstrap())}, [], {
         cwd: ${JSON.stringify(taskRoot)}, execArgv: [], stdio: ["ignore", "ignore", "ignore", "ipc"],
         env: { PATH: process.env.PATH, LAMBDA_TASK_ROOT: ${JSON.stringify(taskRoot)}, _HANDLER: "index.handler" },
       });
       child.on("message", (m) => {
         if (m.t !== "log") return;
         process.stdout.write(String(child.pid) + "\\n");
         process.kill(process.pid, "SIGKILL");
       });
       child.send({ t: "invoke", id: 1, event: "{}", context: { awsRequestId: "r", invokedFunctionArn: "a", deadlineMs: Date.now() + 600000 } });`,
    );
    const outcome = await promisify(execFile)(process.execPath, [engine]).catch(
      (error: { stdout: string; signal: string }) => error,
    );
    expect(outcome).toMatchObject({ signal: "SIGKILL" });
    const pid = Number(outcome.stdout.trim());
    expect(pid).toBeGreaterThan(0);
    const gone = () => {
      try {
        // Dead, or a zombie waiting for a reaper: either way no longer running.
        return /^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8")) ? true : undefined;
      } catch {
        return true;
      }
    };
    expect(await eventually(gone)).toBe(true);
  });

  it("survives all of the above: the engine process still invokes functions", async () => {
    expect((await call("asyncEsm", { ok: true })).json.echo).toEqual({ ok: true });
  });

  it("runs the new code after UpdateFunctionCode and the new settings after a configuration update", async () => {
    deploy("mutable", {
      "index.js": `exports.handler = async () => ({ v: 1, x: process.env.X ?? null });`,
    });
    expect((await call("mutable")).json).toEqual({ v: 1, x: null });
    updateFunctionCode(host, {
      FunctionName: "mutable",
      ZipFile: zipBase64({
        "index.js": `exports.handler = async () => ({ v: 2, x: process.env.X ?? null });`,
      }),
    });
    expect((await call("mutable")).json).toEqual({ v: 2, x: null });
    updateFunctionConfiguration(host, {
      FunctionName: "mutable",
      Environment: { Variables: { X: "y" } },
    });
    expect((await call("mutable")).json).toEqual({ v: 2, x: "y" });
  });
});

describe("logs and invocation types", () => {
  it("writes console output to the function's log file and returns the tail on request", async () => {
    const r = await call("logs", { who: "mundo" }, "Tail");
    expect(r.json).toBe("ok");
    const tail = Buffer.from(r.logResult ?? "", "base64").toString("utf8");
    expect(tail).toMatch(/^START RequestId: ([0-9a-f-]{36}) Version: \$LATEST\n/);
    expect(tail).toMatch(/\tINFO\tolá mundo\n/);
    expect(tail).toMatch(/\tERROR\tfalhou 42\n/);
    expect(tail).toMatch(
      /END RequestId: [0-9a-f-]{36}\nREPORT RequestId: [0-9a-f-]{36}\tDuration: [\d.]+ ms\tBilled Duration: \d+ ms\tMemory Size: 128 MB\tMax Memory Used: [1-9]\d* MB\t\n$/,
    );
    await shutdownLogsFlush();
    const file = readFileSync(join(home, "logs", "lambda", "logs.log"), "utf8");
    expect(file).toContain("\tINFO\tolá mundo\n");
  });

  it("runs an Event invocation in the background (202)", async () => {
    deploy("background", {
      "index.js": `exports.handler = async (event) => { require("node:fs").writeFileSync(event.file, "feito"); };`,
    });
    const file = join(tempHome("contabanco-event-"), "out.txt");
    const r = await invokeFunction(host, {
      functionName: "background",
      payload: JSON.stringify({ file }),
      invocationType: "Event",
    });
    expect(r.statusCode).toBe(202);
    expect(r.payload.length).toBe(0);
    await eventually(() =>
      existsSync(file) && readFileSync(file, "utf8") === "feito" ? true : undefined,
    );
  });

  it("answers DryRun with 204, a bad payload and an unknown function with Lambda's errors", async () => {
    const dry = await invokeFunction(host, { functionName: "warm", invocationType: "DryRun" });
    expect(dry.statusCode).toBe(204);
    await expect(
      invokeFunction(host, { functionName: "warm", payload: "{nope" }),
    ).rejects.toMatchObject({
      code: "InvalidRequestContentException",
      status: 400,
    });
    await expect(invokeFunction(host, { functionName: "ghost" })).rejects.toMatchObject({
      code: "ResourceNotFoundException",
      status: 404,
      message: "Function not found: arn:aws:lambda:us-east-1:000000000000:function:ghost",
    });
  });

  it("keeps each deployed package extracted under its hash", () => {
    const dirs = readdirSync(join(home, "lambda", "warm"));
    expect(dirs).toContain("function.json");
    expect(dirs.some((d) => /^[0-9a-f]{64}$/.test(d))).toBe(true);
  });
});

async function shutdownLogsFlush() {
  await getLambdaRuntime(host).logs.close();
}
