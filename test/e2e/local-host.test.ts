// `contabanco local start --host` (and CONTABANCO_HOST) through the built binary: the engine
// listens on 127.0.0.1 unless told otherwise, on every interface with 0.0.0.0 (the CLI then
// connects to 127.0.0.1), warns when the network can reach it without strict SigV4, and refuses
// an address that is neither an IP address nor a host name with a usage error.
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { probeEngine } from "../../src/local/process.js";
import { buildIfStale } from "../support/build.js";
import { runCli } from "../support/cli.js";
import { freePort } from "../support/net.js";

beforeAll(buildIfStale, 120_000);

/**
 * The local address of the socket listening on `port`, as the kernel has it (Linux: /proc/net/tcp
 * and tcp6) — what the engine's server.address() is.
 */
function listeningAddress(port: number): string | undefined {
  const hexPort = port.toString(16).toUpperCase().padStart(4, "0");
  for (const file of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    for (const line of readFileSync(file, "utf8").split("\n").slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (state !== "0A" || !local?.endsWith(`:${hexPort}`)) continue; // 0A: LISTEN
      const hex = local.split(":")[0];
      if (hex.length === 8) {
        // IPv4, one little-endian 32-bit word.
        return [6, 4, 2, 0].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)).join(".");
      }
      return hex === "0".repeat(32) ? "::" : hex;
    }
  }
  return undefined;
}

/** Whether a TCP connection to host:port is accepted. */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

describe("contabanco local start --host", () => {
  const home = mkdtempSync(join(tmpdir(), "contabanco-e2e-host-"));
  const run = (args: string[], env: Record<string, string> = {}) =>
    runCli(args, { HOME: home, CONTABANCO_HOME: home, NO_COLOR: "1", ...env });

  afterEach(async () => {
    await run(["local", "stop"]);
  });
  afterAll(() => {
    rmSync(home, { recursive: true, force: true });
  });

  it("listens on 127.0.0.1 only by default, without a warning", async () => {
    const port = await freePort();
    const env = { CONTABANCO_PORT: String(port) };
    const started = await run(["local", "start", "--detach"], env);
    expect([started.code, started.stderr]).toEqual([0, expect.not.stringContaining("aviso")]);
    expect(await probeEngine(`http://127.0.0.1:${port}`)).toBe(true);
    const status = await run(["--json", "local", "status"], env);
    expect(JSON.parse(status.stdout)).toMatchObject({
      running: true,
      endpoint: `http://127.0.0.1:${port}`,
      host: "127.0.0.1",
    });
    if (existsSync("/proc/net/tcp")) {
      expect(listeningAddress(port)).toBe("127.0.0.1");
      // Another address of this machine (Linux routes all of 127.0.0.0/8 to lo) is refused.
      expect(await accepts("127.0.0.2", port)).toBe(false);
    }
  });

  it("listens on every interface with --host 0.0.0.0; the CLI reaches it on 127.0.0.1", async () => {
    const port = await freePort();
    const env = { CONTABANCO_PORT: String(port) };
    const started = await run(["local", "start", "--detach", "--host", "0.0.0.0"], env);
    expect(started.code).toBe(0);
    expect(started.stdout).toContain(`motor local iniciado em http://127.0.0.1:${port}`);
    expect(started.stderr).toContain(
      "aviso: o motor local vai ouvir em 0.0.0.0, fora desta máquina, sem verificar assinaturas",
    );
    expect(started.stderr).toContain("CONTABANCO_LOCAL_CREDENTIALS");
    if (existsSync("/proc/net/tcp")) {
      expect(listeningAddress(port)).toBe("0.0.0.0");
      expect(await accepts("127.0.0.2", port)).toBe(true);
    }
    // The CLI's own commands go to 127.0.0.1: status counts through the SDK clients.
    const status = await run(["--json", "local", "status"], env);
    expect(JSON.parse(status.stdout)).toMatchObject({
      running: true,
      endpoint: `http://127.0.0.1:${port}`,
      host: "0.0.0.0",
      counts: { stateMachines: 0, tables: 0 },
    });
    const human = await run(["local", "status"], env);
    expect(human.stdout).toContain(`http://127.0.0.1:${port} (ouvindo em 0.0.0.0)`);
    const consulta = await run(["--json", "consultar", "--banco", "341"], {
      ...env,
      CONTABANCO_HOST: "0.0.0.0",
    });
    // Reached (no connection error): the stage was never deployed here.
    expect(consulta.stderr).not.toMatch(/ECONNREFUSED|conectar/i);
    expect(consulta.stderr).toContain("deploy");
  });

  it("takes CONTABANCO_HOST, and does not warn with strict SigV4 on", async () => {
    const port = await freePort();
    const env = {
      CONTABANCO_PORT: String(port),
      CONTABANCO_HOST: "0.0.0.0",
      CONTABANCO_LOCAL_CREDENTIALS: "test:test",
    };
    const started = await run(["local", "start", "--detach"], env);
    expect([started.code, started.stderr]).toEqual([0, expect.not.stringContaining("aviso")]);
    const status = await run(["--json", "local", "status"], env);
    expect(JSON.parse(status.stdout)).toMatchObject({ host: "0.0.0.0", counts: { tables: 0 } });
  });

  it.each([
    [["local", "start", "--host", "não é host"], {}, '--host: endereço inválido "não é host"'],
    [["local", "start", "--host", "300.1.2.3"], {}, '--host: endereço inválido "300.1.2.3"'],
    [
      ["local", "start"],
      { CONTABANCO_HOST: "http://x" },
      'CONTABANCO_HOST: endereço inválido "http://x"',
    ],
  ])("refuses %j %j with a usage error", async (args, env, message) => {
    const r = await run(args, { CONTABANCO_PORT: String(await freePort()), ...env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`erro: ${message} (use um endereço IP`);
  });

  it("says in pt-BR when the address is not one of this machine's", async () => {
    // 192.0.2.1: TEST-NET-1 (RFC 5737), never assigned to a machine.
    const r = await run(["local", "start", "--host", "192.0.2.1"], {
      CONTABANCO_PORT: String(await freePort()),
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("erro: O endereço 192.0.2.1 não pertence a esta máquina");
  });
});
