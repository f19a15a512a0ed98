// `npm run bench -- local`: the real contabanco workflow end to end on the local engine.
// The engine runs as it does for users — `node bin/contabanco.js local start` (built dist/) in
// its own process — and the workflow is deployed through the SDK. After a warm-up (BENCH_WARMUP
// Standard executions, 2000 by default, run to the end and not measured: the engine's JIT
// compiles its paths as a long-running engine's has), each phase:
//  - standard: C concurrent AWS SDK v3 clients call StartExecution for N distinct accounts;
//    throughput is N / (first start → last stopDate); latency p50/p99 is each execution's
//    stopDate − startDate as ListExecutions reports them.
//  - lean: the same with a lean load generator (StartExecution signed with SigV4 and sent over
//    keep-alive HTTP, without the SDK's middleware stack): the SDK costs ~1 ms of CPU per call
//    here, as much as the engine, and the clients share the engine's two cores.
//  - express: C concurrent SDK clients call StartSyncExecution (client-observed latency).
//  - getitem: GetItem through the engine's DynamoDB route vs dynalite alone (own processes).
// Each phase also prints the CPU the engine (process, main thread, Lambda workers) and the
// clients spent per execution. BENCH_THREADS=1 prints the engine's CPU per thread on stderr;
// BENCH_ENGINE_NODE_ARGS adds Node.js flags to the engine (e.g. --cpu-prof), and
// BENCH_ENGINE_STDOUT=1 shows its stdout (e.g. for --trace-gc). Prints one JSON line per figure.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { Agent } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
} from "@aws-sdk/client-dynamodb";
import {
  DescribeExecutionCommand,
  ListExecutionsCommand,
  SFNClient,
  StartExecutionCommand,
  StartSyncExecutionCommand,
} from "@aws-sdk/client-sfn";
import { account } from "../test/support/accounts.js";
import { deployWorkflow } from "../test/support/stage.js";
import { leanStarter, type Starter } from "./lib/lean-client.js";
import { cpuMs, threadCpu } from "./lib/process-cpu.js";
import { freePort, percentile, pool, waitUntilAnswers } from "./lib/util.js";

const ROOT = process.cwd();
const N = Number(process.env.BENCH_EXECUTIONS ?? 3000);
const C = Number(process.env.BENCH_CLIENTS ?? 64);
/** Standard executions run (and not measured) first, so the engine's JIT has compiled its paths. */
const WARMUP = Number(process.env.BENCH_WARMUP ?? 2000);
/** Which parts to run (default all): standard,lean,express,getitem. */
const PHASES = new Set((process.env.BENCH_PHASES ?? "standard,lean,express,getitem").split(","));
const credentials = { accessKeyId: "test", secretAccessKey: "test" };
const region = "us-east-1";

function line(o: Record<string, unknown>): void {
  console.log(JSON.stringify({ bench: "local", ...o }));
}

const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;

function client<T>(Ctor: new (c: object) => T, url: string): T {
  return new Ctor({
    endpoint: url,
    region,
    credentials,
    disableHostPrefix: true,
    requestHandler: { httpAgent: new Agent({ keepAlive: true, maxSockets: C }) },
  });
}

function sdkStarter(url: string): { start: Starter; close(): void } {
  const sfn = client(SFNClient, url);
  return {
    start: async (request) => {
      await sfn.send(new StartExecutionCommand(request));
    },
    close: () => sfn.destroy(),
  };
}

async function untilNoneRunning(sfn: SFNClient, stateMachineArn: string): Promise<void> {
  for (;;) {
    const running = await sfn.send(
      new ListExecutionsCommand({ stateMachineArn, statusFilter: "RUNNING", maxResults: 1 }),
    );
    if ((running.executions?.length ?? 0) === 0) return;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Runs WARMUP Standard executions to the end (lean clients); nothing is measured. */
async function warmUp(url: string, stateMachineArn: string): Promise<void> {
  if (WARMUP <= 0) return;
  const starter = leanStarter(url, { credentials, region, maxSockets: C });
  await pool(WARMUP, C, async (i) => {
    await starter.start({
      stateMachineArn,
      name: `warm-${i}`,
      input: JSON.stringify(account(60000 + i)),
    });
  });
  starter.close();
  const sfn = client(SFNClient, url);
  await untilNoneRunning(sfn, stateMachineArn);
  sfn.destroy();
}

async function standard(
  url: string,
  stateMachineArn: string,
  offset: number,
  enginePid: number,
  lean: boolean,
): Promise<void> {
  const sfn = client(SFNClient, url);
  const starter = lean ? leanStarter(url, { credentials, region, maxSockets: C }) : sdkStarter(url);
  const label = lean ? "standard, lean signed-HTTP clients" : "standard";
  const cpu0 = cpuMs(enginePid);
  const threads0 = threadCpu(enginePid);
  const clientCpu0 = process.cpuUsage();
  const t0 = Date.now();
  await pool(N, C, async (i) => {
    await starter.start({
      stateMachineArn,
      name: `bench-${offset + i}`,
      input: JSON.stringify(account(offset + i + 1)),
    });
  });
  starter.close();
  const startedIn = Date.now() - t0;
  // Wait for every execution to close, then read their dates.
  await untilNoneRunning(sfn, stateMachineArn);
  const cpu1 = cpuMs(enginePid);
  if (process.env.BENCH_THREADS) {
    for (const [name, ms] of threadCpu(enginePid)) {
      const d = ms - (threads0.get(name) ?? 0);
      if (d > 0) console.error(`thread ${name}: ${round(d / N, 3)} ms/execution`);
    }
  }
  const clientCpu = process.cpuUsage(clientCpu0);
  const durations: number[] = [];
  let lastStop = 0;
  const failed: string[] = [];
  let token: string | undefined;
  do {
    const page = await sfn.send(
      new ListExecutionsCommand({ stateMachineArn, maxResults: 1000, nextToken: token }),
    );
    for (const e of page.executions ?? []) {
      if (!e.name?.startsWith("bench-") || Number(e.name.slice(6)) < offset) continue;
      if (e.status !== "SUCCEEDED") failed.push(e.executionArn as string);
      const start = e.startDate?.getTime() ?? 0;
      const stop = e.stopDate?.getTime() ?? 0;
      durations.push(stop - start);
      lastStop = Math.max(lastStop, stop);
    }
    token = page.nextToken;
  } while (token);
  if (failed.length > 0) {
    const d = await sfn.send(new DescribeExecutionCommand({ executionArn: failed[0] }));
    throw new Error(`${failed.length} executions did not succeed; first: ${d.error}: ${d.cause}`);
  }
  sfn.destroy();
  durations.sort((a, b) => a - b);
  const seconds = (lastStop - t0) / 1000;
  const value = round(N / seconds);
  line({
    metric: "executions/s",
    variant: `${label}, ${C} clients, ${N} executions`,
    value,
    unit: "executions/s",
    ref: "AWS StartExecution refill rate (us-east-1 Standard)",
    refValue: 300,
    ratio: round(value / 300, 2),
  });
  line({
    metric: "StartExecution calls/s",
    variant: label,
    value: round(N / (startedIn / 1000)),
    unit: "calls/s",
  });
  // On a shared machine wall-clock rates vary; the CPU the engine (and its Lambda workers) spent
  // per execution does not: 2000 ms / this figure is the rate the engine alone could sustain on
  // two cores.
  line({
    metric: "engine CPU per execution",
    variant: `${label}, engine process`,
    value: round((cpu1.main - cpu0.main) / N, 2),
    unit: "ms",
  });
  line({
    metric: "engine CPU per execution",
    variant: `${label}, engine main thread (HTTP, interpreter)`,
    value: round((cpu1.mainThread - cpu0.mainThread) / N, 2),
    unit: "ms",
  });
  line({
    metric: "engine CPU per execution",
    variant: `${label}, Lambda worker processes`,
    value: round((cpu1.children - cpu0.children) / N, 2),
    unit: "ms",
  });
  // The clients (SDK, HTTP, polling) share the same two cores: what they take is not the engine's.
  line({
    metric: "bench client CPU per execution",
    variant: lean ? `${label} (this process)` : "standard, SDK clients (this process)",
    value: round((clientCpu.user + clientCpu.system) / 1000 / N, 2),
    unit: "ms",
  });
  line({
    metric: "latency p50",
    variant: label,
    value: percentile(durations, 50),
    unit: "ms",
  });
  line({
    metric: "latency p99",
    variant: label,
    value: percentile(durations, 99),
    unit: "ms",
  });
}

async function express(
  url: string,
  stateMachineArn: string,
  offset: number,
  enginePid: number,
): Promise<void> {
  const sfn = client(SFNClient, url);
  const latencies: number[] = [];
  const cpu0 = cpuMs(enginePid);
  const clientCpu0 = process.cpuUsage();
  const t0 = Date.now();
  await pool(N, C, async (i) => {
    const s = Date.now();
    const r = await sfn.send(
      new StartSyncExecutionCommand({
        stateMachineArn,
        input: JSON.stringify(account(offset + i + 1)),
      }),
    );
    if (r.status !== "SUCCEEDED") throw new Error(`express: ${r.status} ${r.error} ${r.cause}`);
    latencies.push(Date.now() - s);
  });
  const seconds = (Date.now() - t0) / 1000;
  const cpu1 = cpuMs(enginePid);
  const clientCpu = process.cpuUsage(clientCpu0);
  sfn.destroy();
  latencies.sort((a, b) => a - b);
  const value = round(N / seconds);
  line({
    metric: "executions/s",
    variant: `express StartSyncExecution, ${C} clients, ${N} executions`,
    value,
    unit: "executions/s",
    ref: "AWS StartExecution refill rate (us-east-1 Standard)",
    refValue: 300,
    ratio: round(value / 300, 2),
  });
  const perExecution = (ms: number) => round(ms / N, 2);
  line({
    metric: "engine CPU per execution",
    variant: "express, engine process",
    value: perExecution(cpu1.main - cpu0.main),
    unit: "ms",
  });
  line({
    metric: "engine CPU per execution",
    variant: "express, Lambda worker processes",
    value: perExecution(cpu1.children - cpu0.children),
    unit: "ms",
  });
  line({
    metric: "bench client CPU per execution",
    variant: "express, SDK clients (this process)",
    value: perExecution((clientCpu.user + clientCpu.system) / 1000),
    unit: "ms",
  });
  line({ metric: "latency p50", variant: "express", value: percentile(latencies, 50), unit: "ms" });
  line({ metric: "latency p99", variant: "express", value: percentile(latencies, 99), unit: "ms" });
}

async function getItemRate(url: string, table: string): Promise<number> {
  const ddb = client(DynamoDBClient, url);
  await ddb
    .send(
      new CreateTableCommand({
        TableName: table,
        BillingMode: "PAY_PER_REQUEST",
        KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
        AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
      }),
    )
    .catch(() => undefined);
  for (;;) {
    const t = await ddb.send(new DescribeTableCommand({ TableName: table }));
    if (t.Table?.TableStatus === "ACTIVE") break;
    await new Promise((r) => setTimeout(r, 20));
  }
  const key = { id: { S: "341-2545-02366-1" } };
  await ddb.send(new PutItemCommand({ TableName: table, Item: { ...key, n: { N: "1" } } }));
  const get = () => ddb.send(new GetItemCommand({ TableName: table, Key: key }));
  await pool(500, 16, async () => {
    await get();
  });
  const ops = 6000;
  const t0 = process.hrtime.bigint();
  await pool(ops, 16, async () => {
    await get();
  });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  ddb.destroy();
  return round(ops / seconds);
}

function spawnNode(args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  return spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env, NO_COLOR: "1" },
    stdio: ["ignore", process.env.BENCH_ENGINE_STDOUT ? "inherit" : "ignore", "inherit"],
  });
}

async function main(): Promise<void> {
  if (!existsSync(join(ROOT, "dist", "cli", "main.js"))) {
    throw new Error("dist/ não existe: rode `npm run build` antes do benchmark");
  }
  const home = mkdtempSync(join(tmpdir(), "contabanco-bench-"));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // BENCH_ENGINE_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the engine.
  const nodeArgs = (process.env.BENCH_ENGINE_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const engine = spawnNode(
    [...nodeArgs, join(ROOT, "bin", "contabanco.js"), "local", "start", "--port", String(port)],
    {
      CONTABANCO_HOME: home,
    },
  );
  const dynPort = await freePort();
  const dynalite = spawnNode([
    "--input-type=module",
    "-e",
    `import d from "dynalite"; d({ createTableMs: 0 }).listen(${dynPort}, "127.0.0.1");`,
  ]);
  try {
    await waitUntilAnswers(url);
    const wf = await deployWorkflow(url, { root: ROOT });
    // Warm-up: Lambda environments, JIT, table pages.
    const warm = client(SFNClient, url);
    await pool(200, C, async (i) => {
      await warm.send(
        new StartSyncExecutionCommand({
          stateMachineArn: wf.expressArn,
          input: JSON.stringify(account(90000 + i)),
        }),
      );
    });
    warm.destroy();
    await warmUp(url, wf.stateMachineArn);
    if (PHASES.has("standard")) {
      await standard(url, wf.stateMachineArn, 0, engine.pid as number, false);
    }
    if (PHASES.has("lean")) {
      await standard(url, wf.stateMachineArn, 20000, engine.pid as number, true);
    }
    if (PHASES.has("express")) await express(url, wf.expressArn, 40000, engine.pid as number);
    if (!PHASES.has("getitem")) return;

    await waitUntilAnswers(`http://127.0.0.1:${dynPort}`);
    // Alternating rounds, median of each: the two see the same machine load.
    const engineRates: number[] = [];
    const aloneRates: number[] = [];
    for (let r = 0; r < 3; r++) {
      engineRates.push(await getItemRate(url, "bench-getitem"));
      aloneRates.push(await getItemRate(`http://127.0.0.1:${dynPort}`, "bench-getitem"));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const viaEngine = median(engineRates);
    const alone = median(aloneRates);
    line({
      metric: "GetItem ops/s",
      variant: "through the engine's DynamoDB route, 16 clients, median of 3 alternating rounds",
      value: viaEngine,
      unit: "ops/s",
      ref: "dynalite",
      refValue: alone,
      ratio: round(viaEngine / alone, 2),
    });
  } finally {
    engine.kill("SIGTERM");
    dynalite.kill("SIGTERM");
    await new Promise((r) => engine.once("exit", r));
    rmSync(home, { recursive: true, force: true });
  }
}

await main();
