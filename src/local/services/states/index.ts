// The Step Functions service of the local engine (awsJson1_0, X-Amz-Target
// "AWSStepFunctions.<Operation>"): state machines, durable executions over the interpreter, and
// the in-process action map.
import { AwsError } from "../../errors.js";
import { jsonService } from "../../protocols/json.js";
import { createTaskRunner } from "../../tasks/index.js";
import type { EngineContext, Service } from "../../types.js";
import { createStateMachine } from "./create-state-machine.js";
import { deleteStateMachine } from "./delete-state-machine.js";
import { describeExecution } from "./describe-execution.js";
import { describeStateMachine } from "./describe-state-machine.js";
import { describeStateMachineForExecution } from "./describe-state-machine-for-execution.js";
import { ExecutionRegistry } from "./executions.js";
import { getExecutionHistory } from "./get-execution-history.js";
import { listExecutions } from "./list-executions.js";
import { listStateMachineVersions } from "./list-state-machine-versions.js";
import { listStateMachines } from "./list-state-machines.js";
import { MachineRegistry } from "./machines.js";
import type { StatesAction, StatesModel } from "./model.js";
import { startExecution } from "./start-execution.js";
import { startSyncExecution } from "./start-sync-execution.js";
import { stopExecution } from "./stop-execution.js";
import { updateStateMachine } from "./update-state-machine.js";
import { validateStateMachineDefinition } from "./validate-state-machine-definition.js";

export type { StatesModel } from "./model.js";

/** Every action by its operation name. */
export const statesActions: Record<string, StatesAction> = {
  CreateStateMachine: createStateMachine,
  UpdateStateMachine: updateStateMachine,
  DescribeStateMachine: describeStateMachine,
  ListStateMachines: listStateMachines,
  DeleteStateMachine: deleteStateMachine,
  ListStateMachineVersions: listStateMachineVersions,
  ValidateStateMachineDefinition: validateStateMachineDefinition,
  StartExecution: startExecution,
  StartSyncExecution: startSyncExecution,
  DescribeExecution: describeExecution,
  ListExecutions: listExecutions,
  GetExecutionHistory: getExecutionHistory,
  StopExecution: stopExecution,
  DescribeStateMachineForExecution: describeStateMachineForExecution,
};

const models = new WeakMap<EngineContext, StatesModel>();

/** The Step Functions state of a running engine (for in-process callers and `status`). */
export function statesModel(ctx: EngineContext): StatesModel | undefined {
  return models.get(ctx);
}

export function createService(): Service {
  let model: StatesModel | undefined;
  let engine: EngineContext | undefined;
  const actions = Object.fromEntries(
    Object.entries(statesActions).map(([op, action]) => [
      op,
      async (_ctx: EngineContext, input: Record<string, unknown>, req: unknown) => {
        if (!model) throw new AwsError("ServiceUnavailable", "Service is starting", 503);
        return action(model, input, req as never);
      },
    ]),
  );
  return jsonService({
    name: "states",
    targetPrefixes: ["AWSStepFunctions"],
    actions,
    async start(ctx) {
      const machines = new MachineRegistry(ctx.home, ctx.defaultRegion, ctx.accountId);
      await machines.load();
      const executions = new ExecutionRegistry(ctx.home, machines, createTaskRunner(ctx), ctx.log);
      model = { machines, executions, region: ctx.defaultRegion, account: ctx.accountId };
      engine = ctx;
      models.set(ctx, model);
      const { resumed } = executions.recover();
      if (resumed > 0) ctx.log(`${resumed} execução(ões) retomada(s) do diário`);
    },
    async stop() {
      await model?.executions.close();
      if (engine) models.delete(engine);
      model = undefined;
    },
  });
}
