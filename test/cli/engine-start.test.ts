// Auto-start of the local engine by the built CLI: two commands started at the same moment, in two
// processes, start one engine between them (the lock race that in-process ensureEngine calls,
// which share one probe, no longer exercise).
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { stopEngine } from "../../src/local/process.js";
import { buildIfStale, LAUNCHER } from "../support/build.js";

let home: string;
let port: number;

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.on("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => done(typeof address === "object" && address ? address.port : 0));
    });
  });
}

function cli(...args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [LAUNCHER, ...args], {
      env: {
        PATH: process.env.PATH,
        CONTABANCO_HOME: home,
        CONTABANCO_PORT: String(port),
        NO_COLOR: "1",
      },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("close", (code) => done({ code, stderr }));
  });
}

beforeAll(() => buildIfStale());

beforeEach(async () => {
  home = mkdtempSync(join(tmpdir(), "contabanco-engine-start-"));
  port = await freePort();
});

afterEach(async () => {
  await stopEngine(home);
  rmSync(home, { recursive: true, force: true });
});

describe("consultar on a data directory without an engine", () => {
  it("two commands at the same moment start one engine between them", async () => {
    const both = await Promise.all([
      cli("consultar", "341-2545-02366-1"),
      cli("consultar", "341-2545-02366-1"),
    ]);
    expect(both.map((r) => r.code)).toEqual([1, 1]);
    const started = both.map((r) => (r.stderr.match(/motor local iniciado/g) ?? []).length);
    expect(started.sort()).toEqual([0, 1]);
    for (const r of both) expect(r.stderr).toContain("rode `contabanco deploy` primeiro");
  });
});
