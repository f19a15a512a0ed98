// Shared by the cadastrar/consultar/executions end-to-end tests: the built CLI run as users run
// it, against a local engine on a free port over a temp CONTABANCO_HOME, with the stage deployed
// by the real deploy code (test/support/stage.ts).
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { ListExecutionsCommand, SFNClient } from "@aws-sdk/client-sfn";
import { afterAll, beforeAll } from "vitest";
import { type CliEngine, startCliEngine } from "../support/cli.js";
import { sdkConfig } from "../support/engine.js";
import { deployStage } from "../support/stage.js";

export { buildIfStale, ROOT as root } from "../support/build.js";
export { type Result, runCli } from "../support/cli.js";

export interface Engine extends CliEngine {
  sfn: SFNClient;
  dynamodb: DynamoDBClient;
  stateMachineArn: string;
}

/** An engine with the `dev` stage deployed; `definition` replaces the shipped one if given. */
export async function startStage(options: { definition?: string } = {}): Promise<Engine> {
  const engine = await startCliEngine();
  const config = sdkConfig(engine.endpoint);
  const dynamodb = new DynamoDBClient(config);
  const sfn = new SFNClient(config);
  const { stateMachineArn } = await deployStage(config, { definition: options.definition });
  return {
    ...engine,
    sfn,
    dynamodb,
    stateMachineArn,
    async stop() {
      sfn.destroy();
      dynamodb.destroy();
      await engine.stop();
    },
  };
}

/**
 * Registers the hooks of one stage for the enclosing `describe` (or file): started and deployed in
 * beforeAll, stopped in afterAll. The returned object stands for the engine once it has started.
 */
export function useStage(options: { definition?: string } = {}): Engine {
  let engine: Engine | undefined;
  beforeAll(async () => {
    engine = await startStage(options);
  }, 120_000);
  afterAll(async () => {
    await engine?.stop();
  });
  return new Proxy({} as Engine, {
    get(_, key) {
      if (!engine) throw new Error("the stage is not running (use it inside a test or a hook)");
      return Reflect.get(engine, key);
    },
  });
}

/** How many executions the stage's state machine has. */
export async function executionCount(engine: Engine): Promise<number> {
  const out = await engine.sfn.send(
    new ListExecutionsCommand({ stateMachineArn: engine.stateMachineArn, maxResults: 1000 }),
  );
  return out.executions?.length ?? 0;
}
