// What cadastrar, consultar and executions share: the stage's resource names, its SDK clients
// (the local engine started first when the target is local) and its state machine's ARN.
import type { SFNClient } from "@aws-sdk/client-sfn";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { Clients } from "./clients.js";
import { type ResourceNames, resourceNames } from "./definition.js";
import { findStateMachineArn } from "./executions.js";

export interface Stage {
  names: ResourceNames;
  sfn(): Promise<SFNClient>;
  documentClient(): Promise<DynamoDBDocumentClient>;
  /** The deployed state machine's ARN (NotDeployedError when the stage was never deployed). */
  stateMachineArn(): Promise<string>;
}

/**
 * `preload` names the clients the command will use: they are loaded while the local engine is
 * probed, so the SDK's module loading overlaps the network round trip.
 */
export async function openStage(
  clients: Clients,
  preload: ("sfn" | "documentClient")[] = [],
): Promise<Stage> {
  const loading = preload.map((name) => clients[name]().catch(() => undefined));
  const { ensureLocalEngine } = await import("./deploy/local-engine.js");
  await Promise.all([ensureLocalEngine(clients.config), ...loading]);
  const names = resourceNames(clients.config.stage, clients.config.region);
  let arn: Promise<string> | undefined;
  return {
    names,
    sfn: () => clients.sfn(),
    documentClient: () => clients.documentClient(),
    stateMachineArn() {
      arn ??= clients.sfn().then((sfn) => findStateMachineArn(sfn, names.stateMachine));
      return arn;
    },
  };
}
