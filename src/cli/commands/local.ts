// `contabanco local start|stop|status|logs`: the embedded local engine as a process.
import type { Command } from "commander";
import type { CommandContext } from "../context.js";
import { CliError, UsageError } from "../errors.js";

function parsePort(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port < 0 || port > 65535) {
    throw new UsageError(`--port: porta inválida "${value}" (use um número de 0 a 65535)`);
  }
  return port;
}

async function parseHost(value: string | undefined, fallback: string): Promise<string> {
  if (value === undefined) return fallback;
  const { normalizeHost, invalidHostMessage } = await import("../../local/host.js");
  const host = normalizeHost(value);
  if (host === undefined) throw new UsageError(invalidHostMessage("--host", value));
  return host;
}

/**
 * Whether `host` reaches beyond this machine: a non-loopback address, or a name that resolves to
 * one (a name that does not resolve fails at listen, with its own message).
 */
async function reachableFromNetwork(host: string): Promise<boolean> {
  const { isLoopbackHost } = await import("../../local/host.js");
  if (isLoopbackHost(host)) return false;
  const { isIP } = await import("node:net");
  if (isIP(host) !== 0) return true;
  const { lookup } = await import("node:dns/promises");
  try {
    const addresses = await lookup(host, { all: true });
    return addresses.some((a) => !isLoopbackHost(a.address));
  } catch {
    return false;
  }
}

function uptime(startedAt: string): string {
  let s = Math.max(0, Math.floor((Date.now() - Date.parse(startedAt)) / 1000));
  const d = Math.floor(s / 86400);
  s -= d * 86400;
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  return [d ? `${d}d` : "", h ? `${h}h` : "", m ? `${m}min` : "", `${s}s`]
    .filter(Boolean)
    .join(" ");
}

/** Anything the engine layer threw, as a CliError with its pt-BR message. */
function asCliError(error: unknown): CliError {
  if (error instanceof CliError) return error;
  return new CliError(error instanceof Error ? error.message : String(error));
}

async function start(
  ctx: CommandContext,
  opts: { detach?: boolean; port?: string; host?: string },
) {
  const config = ctx.config();
  const out = ctx.output();
  const port = parsePort(opts.port, config.port);
  const host = await parseHost(opts.host, config.host);
  const { runningEngine, startDetached, engineLogFile } = await import("../../local/process.js");
  const running = runningEngine(config.home);
  if (running) {
    throw new CliError(
      `Já existe um motor local usando o diretório de dados ${config.home} (pid ${running.pid}, ${running.url}). Pare-o com "contabanco local stop" ou use outro CONTABANCO_HOME.`,
    );
  }
  const { parseKeyRing } = await import("../../local/sigv4.js");
  if (
    !parseKeyRing(ctx.io.env.CONTABANCO_LOCAL_CREDENTIALS) &&
    (await reachableFromNetwork(host))
  ) {
    ctx.io.stderr.write(
      `aviso: o motor local vai ouvir em ${host}, fora desta máquina, sem verificar assinaturas: qualquer um na rede poderá usá-lo (ler e gravar contas). Defina CONTABANCO_LOCAL_CREDENTIALS="chave:segredo" para exigir assinaturas SigV4 válidas, ou use --host 127.0.0.1.\n`,
    );
  }
  if (opts.detach) {
    try {
      const info = await startDetached({
        home: config.home,
        port,
        host,
        env: { ...ctx.io.env },
      });
      if (out.json) out.printJson({ ...info, log: engineLogFile(config.home) });
      else {
        out.print(`motor local iniciado em ${info.url} (pid ${info.pid})`);
        out.info(`dados em ${config.home}; log em ${engineLogFile(config.home)}`);
      }
      return 0;
    } catch (error) {
      throw asCliError(error);
    }
  }
  const { runEngine } = await import("../../local/daemon.js");
  let engine: Awaited<ReturnType<typeof runEngine>>;
  try {
    engine = await runEngine({
      home: config.home,
      port,
      host,
      log: (line) => ctx.io.stderr.write(`${line}\n`),
    });
  } catch (error) {
    throw asCliError(error);
  }
  out.info(`motor local em ${engine.info.url} (dados em ${config.home}); Ctrl-C para parar`);
  await engine.closed;
  return 0;
}

async function stop(ctx: CommandContext) {
  const config = ctx.config();
  const out = ctx.output();
  const { stopEngine } = await import("../../local/process.js");
  const info = await stopEngine(config.home);
  if (out.json) out.printJson({ stopped: info !== undefined, pid: info?.pid ?? null });
  else if (info) out.print(`motor local parado (pid ${info.pid})`);
  else out.print(`nenhum motor local rodando (dados em ${config.home})`);
  return 0;
}

interface Counts {
  stateMachines?: number;
  executions?: number;
  tables?: number;
  functions?: number;
  vaults?: number;
}

/** Counts through the engine's own API (SDK clients), so `status` sees what clients see. */
async function counts(ctx: CommandContext, url: string): Promise<Counts> {
  const { createClients } = await import("../../app/clients.js");
  const clients = createClients({ ...ctx.config(), target: "local", endpoint: url });
  const out: Counts = {};
  try {
    const { ListStateMachinesCommand, ListExecutionsCommand } = await import("@aws-sdk/client-sfn");
    const sfn = await clients.sfn();
    let machines: { stateMachineArn?: string; type?: string }[] = [];
    let token: string | undefined;
    do {
      const page = await sfn.send(new ListStateMachinesCommand({ nextToken: token }));
      machines = machines.concat(page.stateMachines ?? []);
      token = page.nextToken;
    } while (token);
    out.stateMachines = machines.length;
    let executions = 0;
    for (const m of machines.filter((x) => x.type !== "EXPRESS")) {
      let t: string | undefined;
      do {
        const page = await sfn.send(
          new ListExecutionsCommand({
            stateMachineArn: m.stateMachineArn,
            nextToken: t,
            maxResults: 1000,
          }),
        );
        executions += page.executions?.length ?? 0;
        t = page.nextToken;
      } while (t);
    }
    out.executions = executions;
    const { ListTablesCommand } = await import("../../app/clients-dynamodb.js");
    out.tables = (
      await (await clients.dynamodb()).send(new ListTablesCommand({}))
    ).TableNames?.length;
    const { ListFunctionsCommand } = await import("@aws-sdk/client-lambda");
    out.functions = (
      await (await clients.lambda()).send(new ListFunctionsCommand({}))
    ).Functions?.length;
    const { ListVaultsCommand } = await import("@aws-sdk/client-glacier");
    out.vaults = (
      await (await clients.glacier()).send(new ListVaultsCommand({ accountId: "-" }))
    ).VaultList?.length;
  } catch {
    // Counts are best effort: whatever answered is shown.
  } finally {
    clients.destroy();
  }
  return out;
}

async function status(ctx: CommandContext) {
  const config = ctx.config();
  const out = ctx.output();
  const { runningEngine, probeEngine } = await import("../../local/process.js");
  const info = runningEngine(config.home);
  const answering = info ? await probeEngine(info.url) : false;
  if (!info || !answering) {
    if (out.json) out.printJson({ running: false, home: config.home });
    else out.print(`motor local parado (dados em ${config.home})`);
    return 1;
  }
  const c = await counts(ctx, info.url);
  if (out.json) {
    out.printJson({
      running: true,
      endpoint: info.url,
      host: info.host ?? null,
      home: info.home,
      pid: info.pid,
      startedAt: info.startedAt,
      uptimeSeconds: Math.floor((Date.now() - Date.parse(info.startedAt)) / 1000),
      counts: c,
    });
    return 0;
  }
  const n = (v: number | undefined) => (v === undefined ? "?" : String(v));
  const rows: [string, string][] = [
    ["endpoint", info.host ? `${info.url} (ouvindo em ${info.host})` : info.url],
    ["dados", info.home],
    ["pid", String(info.pid)],
    ["no ar há", uptime(info.startedAt)],
    ["máquinas de estado", n(c.stateMachines)],
    ["execuções", n(c.executions)],
    ["tabelas", n(c.tables)],
    ["funções", n(c.functions)],
    ["cofres", n(c.vaults)],
  ];
  out.print(
    ["motor local rodando", ...rows.map(([k, v]) => `  ${`${k}:`.padEnd(20)} ${v}`)].join("\n"),
  );
  return 0;
}

async function logs(ctx: CommandContext, opts: { follow?: boolean }) {
  const config = ctx.config();
  const { engineLogFile } = await import("../../local/process.js");
  const { open, stat } = await import("node:fs/promises");
  const file = engineLogFile(config.home);
  let position = 0;
  const pump = async () => {
    let size: number;
    try {
      size = (await stat(file)).size;
    } catch {
      return false;
    }
    if (size < position) position = 0;
    if (size === position) return true;
    const fh = await open(file, "r");
    try {
      const buf = Buffer.alloc(size - position);
      await fh.read(buf, 0, buf.length, position);
      position = size;
      ctx.io.stdout.write(buf.toString("utf8"));
    } finally {
      await fh.close();
    }
    return true;
  };
  const exists = await pump();
  if (!opts.follow) {
    if (!exists) throw new CliError(`ainda não há log do motor local em ${file}`);
    return 0;
  }
  await new Promise<void>((resolveFollow) => {
    const timer = setInterval(() => void pump(), 250);
    const end = () => {
      clearInterval(timer);
      process.off("SIGINT", end);
      resolveFollow();
    };
    process.on("SIGINT", end);
  });
  return 0;
}

export function register(program: Command, ctx: CommandContext): void {
  const local = program
    .command("local")
    .description("o motor local embutido (endpoint compatível com AWS em 127.0.0.1)");
  local
    .command("start")
    .alias("iniciar")
    .description("inicia o motor local (em primeiro plano; --detach para segundo plano)")
    .option("--detach", "roda em segundo plano, com log em <dados>/logs/engine.log")
    .option("--port <porta>", "porta do motor (env: CONTABANCO_PORT; padrão: 4599)")
    .option(
      "--host <endereço>",
      "endereço em que o motor ouve: 127.0.0.1 só esta máquina, 0.0.0.0 todas as interfaces (env: CONTABANCO_HOST; padrão: 127.0.0.1)",
    )
    .action(
      ctx.action((opts: { detach?: boolean; port?: string; host?: string }) => start(ctx, opts)),
    );
  local
    .command("stop")
    .alias("parar")
    .description("para o motor local deste diretório de dados")
    .action(ctx.action(() => stop(ctx)));
  local
    .command("status")
    .description("endpoint, diretório de dados, pid, tempo no ar e contagens")
    .action(ctx.action(() => status(ctx)));
  local
    .command("logs")
    .description("mostra o log do motor local")
    .option("-f, --follow", "continua mostrando o que chegar")
    .action(ctx.action((opts: { follow?: boolean }) => logs(ctx, opts)));
}
