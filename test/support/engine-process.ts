// The engine as its own process (`contabanco local start`), for the tests that SIGKILL it.
import { type ChildProcess, spawn } from "node:child_process";
import { probeEngine } from "../../src/local/process.js";
import { LAUNCHER } from "./build.js";

/** Polls `check` every 25 ms until it returns something other than undefined. */
export async function until<T>(
  check: () => Promise<T | undefined> | T | undefined,
  limitMs = 30_000,
): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() - start > limitMs) throw new Error("condition not reached");
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * `contabanco local start` over `home` on `port`, in its own process group, so that `killGroup`
 * takes the engine and its Lambda workers down at once. Resolves once the engine answers.
 */
export async function spawnEngine(home: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [LAUNCHER, "local", "start", "--port", String(port)], {
    env: { ...process.env, CONTABANCO_HOME: home, NO_COLOR: "1" },
    stdio: "ignore",
    detached: true,
  });
  const url = `http://127.0.0.1:${port}`;
  await until(async () => ((await probeEngine(url)) ? true : undefined));
  return child;
}

/** SIGKILL to the process group of `child` (as a crash would); resolves when it has exited. */
export function killGroup(child: ChildProcess | undefined): Promise<void> {
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {}
  return exited;
}
