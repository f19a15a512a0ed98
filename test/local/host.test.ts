// The engine's listening address: which values `--host` / CONTABANCO_HOST accept, which count as
// this machine only (no warning), and the URL a client on this machine connects to.
import { describe, expect, it } from "vitest";
import { engineUrl, isLoopbackHost, normalizeHost } from "../../src/local/host.js";
import { startEngine, tempHome } from "../support/engine.js";

describe("normalizeHost", () => {
  it.each([
    ["127.0.0.1", "127.0.0.1"],
    ["0.0.0.0", "0.0.0.0"],
    [" 10.0.0.5 ", "10.0.0.5"],
    ["::", "::"],
    ["[::1]", "::1"],
    ["fe80::1", "fe80::1"],
    ["localhost", "localhost"],
    ["motor-1.empresa.com.br", "motor-1.empresa.com.br"],
    ["host.", "host."],
  ])("accepts %j as %j", (value, host) => {
    expect(normalizeHost(value)).toBe(host);
  });

  it.each([
    "",
    "meu host",
    "http://127.0.0.1",
    "127.0.0.1:4599",
    "300.1.1.1",
    "1.2.3",
    "-motor",
    "motor-",
    "a..b",
    "[localhost]",
    "x".repeat(64),
    "motor_1",
  ])("refuses %j", (value) => {
    expect(normalizeHost(value)).toBeUndefined();
  });
});

describe("isLoopbackHost", () => {
  it.each(["127.0.0.1", "127.1.2.3", "::1", "::ffff:127.0.0.1", "localhost", "a.localhost"])(
    "%s is this machine only",
    (host) => expect(isLoopbackHost(host)).toBe(true),
  );
  it.each(["0.0.0.0", "::", "192.168.0.10", "fe80::1", "motor.empresa.com.br"])(
    "%s is reachable from the network",
    (host) => expect(isLoopbackHost(host)).toBe(false),
  );
});

describe("engineUrl", () => {
  it("reaches a wildcard listener on the loopback address, any other host as given", () => {
    expect(engineUrl("0.0.0.0", 4599)).toBe("http://127.0.0.1:4599");
    expect(engineUrl("::", 4599)).toBe("http://[::1]:4599");
    expect(engineUrl("127.0.0.1", 80)).toBe("http://127.0.0.1:80");
    expect(engineUrl("fe80::1", 4599)).toBe("http://[fe80::1]:4599");
    expect(engineUrl("localhost", 4599)).toBe("http://localhost:4599");
  });
});

describe("the engine listening on every address", () => {
  it("hands out the loopback URL as its own endpoint (Lambda's AWS_ENDPOINT_URL, S3 Locations)", async () => {
    const tmp = tempHome();
    const server = await startEngine(tmp.home, { host: "0.0.0.0" });
    try {
      expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
      expect(server.ctx.endpoint).toBe(server.url);
    } finally {
      await server.close();
      tmp.cleanup();
    }
  });
});
