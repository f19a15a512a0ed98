import { describe, expect, it } from "vitest";
import { ConfigError, defaultHome, resolveConfig } from "../../src/app/config.js";

const linux = { homedir: "/home/ana", platform: "linux" };

describe("resolveConfig", () => {
  it("defaults to the local engine, us-east-1, stage dev, port 4599", () => {
    expect(resolveConfig({}, {}, linux)).toEqual({
      target: "local",
      endpoint: "http://127.0.0.1:4599",
      region: "us-east-1",
      profile: undefined,
      stage: "dev",
      json: false,
      color: true,
      quiet: false,
      verbose: false,
      home: "/home/ana/.local/share/contabanco",
      port: 4599,
      host: "127.0.0.1",
    });
  });

  it("reads the environment", () => {
    const config = resolveConfig(
      {},
      {
        CONTABANCO_TARGET: "aws",
        CONTABANCO_STAGE: "prod",
        CONTABANCO_HOME: "/dados/cb",
        CONTABANCO_PORT: "5000",
        AWS_REGION: "sa-east-1",
        AWS_PROFILE: "empresa",
        NO_COLOR: "1",
      },
      linux,
    );
    expect(config).toMatchObject({
      target: "aws",
      endpoint: undefined,
      region: "sa-east-1",
      profile: "empresa",
      stage: "prod",
      color: false,
      home: "/dados/cb",
      port: 5000,
    });
  });

  it("lets flags win over the environment", () => {
    const config = resolveConfig(
      { target: "local", region: "eu-west-1", stage: "teste", profile: "p", color: false },
      { CONTABANCO_TARGET: "aws", AWS_REGION: "sa-east-1", CONTABANCO_STAGE: "prod" },
      linux,
    );
    expect(config).toMatchObject({
      target: "local",
      region: "eu-west-1",
      stage: "teste",
      profile: "p",
      color: false,
    });
  });

  it("falls back to AWS_DEFAULT_REGION", () => {
    expect(resolveConfig({}, { AWS_DEFAULT_REGION: "us-west-2" }, linux).region).toBe("us-west-2");
    expect(
      resolveConfig({}, { AWS_REGION: "us-east-2", AWS_DEFAULT_REGION: "us-west-2" }, linux).region,
    ).toBe("us-east-2");
  });

  it("turns an endpoint URL into the endpoint target", () => {
    expect(resolveConfig({ endpointUrl: "http://localhost:4566/" }, {}, linux)).toMatchObject({
      target: "endpoint",
      endpoint: "http://localhost:4566",
    });
    expect(resolveConfig({}, { AWS_ENDPOINT_URL: "https://x.example" }, linux)).toMatchObject({
      target: "endpoint",
      endpoint: "https://x.example",
    });
    expect(resolveConfig({ target: "aws", endpointUrl: "http://h:1" }, {}, linux).target).toBe(
      "endpoint",
    );
  });

  it("keeps an explicit local target despite AWS_ENDPOINT_URL", () => {
    const config = resolveConfig({ target: "local" }, { AWS_ENDPOINT_URL: "http://h:1" }, linux);
    expect(config.target).toBe("local");
    expect(config.endpoint).toBe("http://127.0.0.1:4599");
  });

  it("ignores an empty NO_COLOR, as no-color.org says", () => {
    expect(resolveConfig({}, { NO_COLOR: "" }, linux).color).toBe(true);
  });

  it.each([
    [{ target: "gcp" }, {}, /alvo inválido "gcp"/],
    [{}, { CONTABANCO_TARGET: "nuvem" }, /CONTABANCO_TARGET/],
    [{ stage: "Prod" }, {}, /estágio inválido "Prod"/],
    [{ stage: "a".repeat(17) }, {}, /estágio inválido/],
    [{}, { CONTABANCO_STAGE: "com espaço" }, /estágio inválido/],
    [{ region: "Brasil" }, {}, /região inválida "Brasil"/],
    [{}, { CONTABANCO_PORT: "0" }, /CONTABANCO_PORT/],
    [{}, { CONTABANCO_PORT: "80a" }, /CONTABANCO_PORT/],
    [{}, { CONTABANCO_HOST: "meu host" }, /CONTABANCO_HOST: endereço inválido "meu host"/],
    [{}, { CONTABANCO_HOST: "300.1.1.1" }, /CONTABANCO_HOST: endereço inválido/],
    [{ endpointUrl: "localhost:4566" }, {}, /--endpoint-url/],
    [{ endpointUrl: "ftp://h" }, {}, /http/],
    [{ endpointUrl: "http://h:1", target: "local" }, {}, /não combina com --target local/],
    [{ quiet: true, verbose: true }, {}, /--quiet e --verbose/],
  ])("refuses %o %o", (flags, env, message) => {
    expect(() => resolveConfig(flags, env, linux)).toThrow(ConfigError);
    expect(() => resolveConfig(flags, env, linux)).toThrow(message);
  });
});

describe("the local engine's address (CONTABANCO_HOST)", () => {
  it.each([
    ["0.0.0.0", "0.0.0.0", "http://127.0.0.1:4599"],
    ["::", "::", "http://[::1]:4599"],
    ["[::1]", "::1", "http://[::1]:4599"],
    ["192.168.0.10", "192.168.0.10", "http://192.168.0.10:4599"],
    ["motor.local", "motor.local", "http://motor.local:4599"],
  ])("%s: listens on %s, the CLI connects to %s", (value, host, endpoint) => {
    expect(resolveConfig({}, { CONTABANCO_HOST: value }, linux)).toMatchObject({
      host,
      endpoint,
    });
  });
});

describe("defaultHome", () => {
  it("follows XDG on Linux", () => {
    expect(defaultHome({ XDG_DATA_HOME: "/x" }, linux)).toBe("/x/contabanco");
    expect(defaultHome({}, linux)).toBe("/home/ana/.local/share/contabanco");
  });

  it("uses the platform's data directory elsewhere", () => {
    expect(defaultHome({}, { homedir: "/Users/ana", platform: "darwin" })).toBe(
      "/Users/ana/Library/Application Support/contabanco",
    );
    expect(defaultHome({ LOCALAPPDATA: "C:/L" }, { homedir: "C:/U", platform: "win32" })).toMatch(
      /^C:\/L.contabanco$/,
    );
  });
});
