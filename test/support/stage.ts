// The contabanco stage on a running engine, deployed by the real deploy code (src/app/deploy:
// planDeploy then applyPlan, as `contabanco deploy` runs them): bucket, table with its documento
// index, vault with its retention policy, both IAM roles, the contaBanco function from
// dist/lambda/contaBanco.zip and the state machine rendered from assets/. What the tests need on
// top of it (another definition, an EXPRESS copy for the benchmarks) is added here, after deploy.
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import {
  CreateStateMachineCommand,
  DescribeStateMachineCommand,
  UpdateStateMachineCommand,
} from "@aws-sdk/client-sfn";
import * as srcClients from "../../src/app/clients.js";
import * as srcConfig from "../../src/app/config.js";
import type { ResourceNames } from "../../src/app/definition.js";
import * as srcDeploy from "../../src/app/deploy/index.js";
import { ROOT } from "./build.js";

export { credentials, region } from "./engine.js";

export interface StageOptions {
  /** The stage (default "dev"). */
  stage?: string;
  /** A definition that replaces the deployed one (UpdateStateMachine once deploy is done). */
  definition?: string;
  /** Also creates `<state machine>-express`, an EXPRESS state machine with the same definition. */
  express?: boolean;
}

export interface DeployedStage {
  names: ResourceNames;
  /** What deploy reported, one entry per resource (the `deploy --json` shape). */
  resources: srcDeploy.ResourceResult[];
  stateMachineArn: string;
  /** The EXPRESS copy's ARN (with `express: true`). */
  expressArn?: string;
  /** The definition the state machine runs. */
  definition: string;
}

interface AppModules {
  clients: typeof srcClients;
  config: typeof srcConfig;
  deploy: typeof srcDeploy;
}

/**
 * The application code of the repository at `root`: this checkout's src/ (what the tests run), or
 * the built dist/app/ of another root — a bundled caller (bench/) cannot find assets/ from src/.
 */
async function appModules(root: string): Promise<AppModules> {
  if (root === ROOT) return { clients: srcClients, config: srcConfig, deploy: srcDeploy };
  const load = (path: string) => import(pathToFileURL(join(root, "dist", "app", path)).href);
  return {
    clients: await load("clients.js"),
    config: await load("config.js"),
    deploy: await load("deploy/index.js"),
  };
}

/**
 * Deploys the stage on the engine at `engine.endpoint` (the local target: dummy keys, short waits)
 * with the code and the Lambda zip of `root` (default: this repository, built).
 */
export async function deployStage(
  engine: { endpoint: string; region?: string },
  options: StageOptions = {},
  root: string = ROOT,
): Promise<DeployedStage> {
  const app = await appModules(root);
  const resolved = app.config.resolveConfig(
    { target: "local", stage: options.stage, region: engine.region },
    { CONTABANCO_PORT: new URL(engine.endpoint).port || undefined },
    { homedir: root, platform: process.platform },
  );
  const clients = app.clients.createClients({ ...resolved, endpoint: engine.endpoint });
  try {
    const ctx = await app.deploy.createDeployContext(clients, {
      zipPath: join(root, "dist", "lambda", "contaBanco.zip"),
      // Polls (a table becoming ACTIVE) and retries, kept short: the engine answers in ms.
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.min(ms, 20))),
    });
    const resources = await app.deploy.applyPlan(ctx, await app.deploy.planDeploy(ctx));
    const machine = resources.find((r) => r.tipo === "maquina-de-estados");
    if (!machine) throw new Error("deploy did not report the state machine");
    const sfn = await clients.sfn();
    const deployed = await sfn.send(
      new DescribeStateMachineCommand({ stateMachineArn: machine.arn }),
    );
    let definition = deployed.definition ?? "";
    if (options.definition !== undefined) {
      definition = options.definition;
      await sfn.send(new UpdateStateMachineCommand({ stateMachineArn: machine.arn, definition }));
    }
    let expressArn: string | undefined;
    if (options.express) {
      const created = await sfn.send(
        new CreateStateMachineCommand({
          name: `${ctx.names.stateMachine}-express`,
          definition,
          roleArn: deployed.roleArn,
          type: "EXPRESS",
        }),
      );
      expressArn = created.stateMachineArn;
    }
    return { names: ctx.names, resources, stateMachineArn: machine.arn, expressArn, definition };
  } finally {
    clients.destroy();
  }
}

export type DeployedWorkflow = DeployedStage & { expressArn: string };

/** The stage with its EXPRESS copy, for the workflow tests and bench/local.ts. */
export async function deployWorkflow(
  endpoint: string,
  options: { stage?: string; root?: string } = {},
): Promise<DeployedWorkflow> {
  const stage = await deployStage(
    { endpoint },
    { stage: options.stage, express: true },
    options.root,
  );
  return { ...stage, expressArn: stage.expressArn ?? "" };
}
