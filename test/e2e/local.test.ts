// `contabanco local start --detach | status | logs | stop` through the built binary, with a
// temporary CONTABANCO_HOME and a free port; and its pt-BR errors.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveConfig } from "../../src/app/config.js";
import { ensureEngine } from "../../src/app/engine.js";
import { probeEngine, stopEngine } from "../../src/local/process.js";
import { buildIfStale, LAUNCHER } from "../support/build.js";
import { runCli } from "../support/cli.js";

beforeAll(buildIfStale, 120_000);

function listen(port = 0): Promise<Server> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(port, "127.0.0.1", () => resolve(s));
  });
}

async function freePort(): Promise<number> {
  const s = await listen();
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

describe("contabanco local", () => {
  const home = mkdtempSync(join(tmpdir(), "contabanco-e2e-local-"));
  let port = 0;
  const run = (args: string[], env: Record<string, string> = {}) =>
    runCli(args, {
      HOME: home,
      CONTABANCO_HOME: home,
      CONTABANCO_PORT: String(port),
      NO_COLOR: "1",
      ...env,
    });

  beforeAll(async () => {
    port = await freePort();
  });
  afterAll(async () => {
    await run(["local", "stop"]);
    rmSync(home, { recursive: true, force: true });
  });

  it("starts detached, reports status, shows logs and stops", async () => {
    const beforeStart = Date.now();
    const started = await run(["local", "start", "--detach"]);
    const afterStart = Date.now();
    expect(started.stderr).toContain(`dados em ${home}`);
    expect(started.stdout).toMatch(
      new RegExp(`^motor local iniciado em http://127\\.0\\.0\\.1:${port} \\(pid \\d+\\)`),
    );
    expect(started.code).toBe(0);
    expect(await probeEngine(`http://127.0.0.1:${port}`)).toBe(true);

    const beforeStatus = Date.now();
    const status = await run(["--json", "local", "status"]);
    const afterStatus = Date.now();
    expect(status.code).toBe(0);
    const s = JSON.parse(status.stdout);
    // Uptime: whole seconds since startedAt (itself within the start command), as measured
    // between the moments the status command began and ended (bounds, not a timing).
    const startedAt = Date.parse(s.startedAt);
    expect(startedAt).toBeGreaterThanOrEqual(beforeStart - 1000);
    expect(startedAt).toBeLessThanOrEqual(afterStart);
    expect(Number.isInteger(s.uptimeSeconds)).toBe(true);
    expect(s.uptimeSeconds).toBeGreaterThanOrEqual(Math.floor((beforeStatus - startedAt) / 1000));
    expect(s.uptimeSeconds).toBeLessThanOrEqual(Math.ceil((afterStatus - startedAt) / 1000));
    expect(s).toMatchObject({
      running: true,
      endpoint: `http://127.0.0.1:${port}`,
      home,
      counts: { stateMachines: 0, executions: 0, tables: 0, functions: 0 },
    });
    expect(typeof s.pid).toBe("number");
    const beforeHuman = Date.now();
    const human = await run(["local", "status"]);
    const afterHuman = Date.now();
    expect(human.stdout).toContain("motor local rodando");
    expect(human.stdout).toContain(`endpoint:`);
    const up = /^ {2}no ar há: +(?:(\d+)d )?(?:(\d+)h )?(?:(\d+)min )?(\d+)s$/m.exec(human.stdout);
    expect(up, human.stdout).not.toBeNull();
    const [d, h, m, sec] = (up ?? []).slice(1).map((v) => Number(v ?? 0));
    const shown = ((d * 24 + h) * 60 + m) * 60 + sec;
    expect(shown).toBeGreaterThanOrEqual(Math.floor((beforeHuman - startedAt) / 1000));
    expect(shown).toBeLessThanOrEqual(Math.ceil((afterHuman - startedAt) / 1000));

    const second = await run(["local", "start", "--detach"]);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain("Já existe um motor local usando o diretório de dados");

    const logs = await run(["local", "logs"]);
    expect(logs.stdout).toContain(`motor local ouvindo em http://127.0.0.1:${port}`);

    const stopped = await run(["local", "stop"]);
    expect(stopped.code).toBe(0);
    expect(stopped.stdout).toContain(`motor local parado (pid ${s.pid})`);
    expect(await probeEngine(`http://127.0.0.1:${port}`)).toBe(false);
    const after = await run(["local", "status"]);
    expect(after.code).toBe(1);
    expect(after.stdout).toContain("motor local parado");
  });

  it("says in pt-BR when the port is taken", async () => {
    const blocker = await listen(await freePort());
    const busy = (blocker.address() as { port: number }).port;
    try {
      const r = await run(["local", "start", "--detach", "--port", String(busy)]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`erro: A porta ${busy} já está em uso`);
    } finally {
      await new Promise((r) => blocker.close(r));
    }
  });

  it("says in pt-BR when the data directory cannot be created", async () => {
    const r = await run(["local", "start", "--detach"], {
      CONTABANCO_HOME: "/dev/null/contabanco",
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      "erro: Não foi possível criar o diretório de dados /dev/null/contabanco",
    );
  });

  it("ensureEngine starts the engine once for the local target and says so on stderr", async () => {
    const own = mkdtempSync(join(tmpdir(), "contabanco-e2e-ensure-"));
    const config = resolveConfig(
      {},
      { CONTABANCO_HOME: own, CONTABANCO_PORT: String(await freePort()) },
      { homedir: own, platform: "linux" },
    );
    let said = "";
    const stderr = { write: (t: string) => (said += t) };
    try {
      const first = await ensureEngine(config, { stderr });
      expect(first?.started).toBe(true);
      expect(said).toBe(`motor local iniciado em ${config.endpoint} (dados em ${own})\n`);
      const again = await ensureEngine(config, { stderr });
      expect(again?.started).toBe(false);
      expect(said.split("\n").length).toBe(2);
      expect(await ensureEngine({ ...config, target: "aws" }, { stderr })).toBeUndefined();
    } finally {
      await stopEngine(own);
      rmSync(own, { recursive: true, force: true });
    }
  });

  it("ensureEngine called twice at once starts one engine", async () => {
    const own = mkdtempSync(join(tmpdir(), "contabanco-e2e-race-"));
    const config = resolveConfig(
      {},
      { CONTABANCO_HOME: own, CONTABANCO_PORT: String(await freePort()) },
      { homedir: own, platform: "linux" },
    );
    const stderr = { write: () => true };
    try {
      const both = await Promise.all([
        ensureEngine(config, { stderr }),
        ensureEngine(config, { stderr }),
      ]);
      expect(both.map((r) => r?.url)).toEqual([config.endpoint, config.endpoint]);
      expect(both.filter((r) => r?.started).length).toBe(1);
      expect(await probeEngine(config.endpoint as string)).toBe(true);
    } finally {
      await stopEngine(own);
      rmSync(own, { recursive: true, force: true });
    }
  });

  it("ensureEngine refuses an engine of another data directory on the same port", async () => {
    const theirs = mkdtempSync(join(tmpdir(), "contabanco-e2e-theirs-"));
    const mine = mkdtempSync(join(tmpdir(), "contabanco-e2e-mine-"));
    const env = { CONTABANCO_PORT: String(await freePort()) };
    const platform = { homedir: mine, platform: "linux" } as const;
    const theirConfig = resolveConfig({}, { ...env, CONTABANCO_HOME: theirs }, platform);
    const myConfig = resolveConfig({}, { ...env, CONTABANCO_HOME: mine }, platform);
    const stderr = { write: () => true };
    try {
      expect((await ensureEngine(theirConfig, { stderr }))?.started).toBe(true);
      const refused = ensureEngine(myConfig, { stderr });
      await expect(refused).rejects.toMatchObject({ code: "ENGINE_OTHER_HOME" });
      await expect(refused).rejects.toThrow(`outro motor local, com dados em ${theirs}`);
      expect(existsSync(join(mine, "engine.json"))).toBe(false);
      expect((await ensureEngine(theirConfig, { stderr }))?.started).toBe(false);
    } finally {
      await stopEngine(theirs);
      rmSync(theirs, { recursive: true, force: true });
      rmSync(mine, { recursive: true, force: true });
    }
  });

  it("runs in the foreground until Ctrl-C (SIGINT) and then stops cleanly", async () => {
    const own = mkdtempSync(join(tmpdir(), "contabanco-e2e-fg-"));
    const fgPort = await freePort();
    const child = spawn(process.execPath, [LAUNCHER, "local", "start", "--port", String(fgPort)], {
      env: { PATH: process.env.PATH ?? "", HOME: own, CONTABANCO_HOME: own, NO_COLOR: "1" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr?.on("data", (d) => {
      stderr += String(d);
    });
    const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
    try {
      const url = `http://127.0.0.1:${fgPort}`;
      for (let i = 0; i < 600 && !(await probeEngine(url)); i++) {
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(await probeEngine(url)).toBe(true);
      expect(existsSync(join(own, "engine.json"))).toBe(true);
      child.kill("SIGINT");
      expect(await exited).toBe(0);
      expect(stderr).toContain("motor local parado");
      expect(existsSync(join(own, "engine.json"))).toBe(false);
      expect(existsSync(join(own, "engine.lock"))).toBe(false);
    } finally {
      child.kill("SIGKILL");
      rmSync(own, { recursive: true, force: true });
    }
  });
});
