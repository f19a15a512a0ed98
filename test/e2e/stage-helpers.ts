// Shared by the cadastrar/consultar/executions end-to-end tests: the built CLI run as users run
// it, against a local engine on a free port over a temp CONTABANCO_HOME, with the stage deployed
// by the real deploy code (test/support/stage.ts).
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { ListExecutionsCommand, SFNClient } from "@aws-sdk/client-sfn";
import { type CliEngine, startCliEngine } from "../support/cli.js";
import { useFixture } from "../support/fixture.js";
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
  const { stateMachineArn } = await deployStage(
    { endpoint: engine.endpoint },
    { definition: options.definition },
  );
  return {
    ...engine,
    sfn: engine.client(SFNClient),
    dynamodb: engine.client(DynamoDBClient),
    stateMachineArn,
  };
}

/** One stage for the enclosing `describe` (or file): started in beforeAll, stopped in afterAll. */
export function useStage(options: { definition?: string } = {}): Engine {
  return useFixture(() => startStage(options));
}

/** How many executions the stage's state machine has. */
export async function executionCount(engine: Engine): Promise<number> {
  const out = await engine.sfn.send(
    new ListExecutionsCommand({ stateMachineArn: engine.stateMachineArn, maxResults: 1000 }),
  );
  return out.executions?.length ?? 0;
}
