// The built CLI's start (dist/cli/main.js from src/cli/boot.ts): the V8 code cache it keeps under
// CONTABANCO_HOME/cache/v8, and that the program behaves the same with or without it.
import { execFileSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { buildIfStale, LAUNCHER } from "../support/build.js";

let home: string;

beforeAll(() => buildIfStale());

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), "contabanco-boot-"));
});

afterEach(() => {
  rmSync(home, { recursive: true, force: true });
});

function cli(...args: string[]): string {
  return execFileSync(process.execPath, [LAUNCHER, ...args], {
    env: { PATH: process.env.PATH, CONTABANCO_HOME: home, NO_COLOR: "1" },
    encoding: "utf8",
  });
}

function cacheDirs(): string[] {
  return readdirSync(join(home, "cache", "v8"));
}

describe("the code cache of the built CLI", () => {
  it("is written by the first run of a command and used by the next, with the same output", () => {
    const first = cli("--help");
    const [dir] = cacheDirs();
    expect(dir).toMatch(new RegExp(`^[0-9a-f]{16}-${process.version}-${process.arch}$`));
    const files = readdirSync(join(home, "cache", "v8", dir));
    expect(files).toContain("main.cjs.v8");
    expect(files).toContain("ran-ajuda");
    expect(cli("--help")).toBe(first);
    expect(cli("diagrama", "--formato", "mermaid")).toContain("CreateSession");
    expect(readdirSync(join(home, "cache", "v8", dir))).toContain("ran-diagrama");
  });

  it("is not needed: the CLI runs the same when it cannot be written", () => {
    const expected = cli("--help");
    rmSync(join(home, "cache"), { recursive: true });
    writeFileSync(join(home, "cache"), "um arquivo no lugar do diretório");
    expect(cli("--help")).toBe(expected);
    expect(cli("--version")).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it("keeps the caches of the three most recent builds only", () => {
    const root = join(home, "cache", "v8");
    const old = ["a", "b", "c", "d"].map((name, i) => {
      const dir = join(root, `${name}-old`);
      mkdirSync(dir, { recursive: true });
      const when = new Date(Date.UTC(2020, 0, 1 + i));
      utimesSync(dir, when, when);
      return `${name}-old`;
    });
    cli("--version");
    const kept = cacheDirs();
    expect(kept).toHaveLength(3);
    expect(kept).toEqual(expect.arrayContaining([old[2], old[3]]));
    expect(existsSync(join(root, old[0]))).toBe(false);
  });
});
