// CreateStateMachine. Idempotent: the same name with the same definition, type, logging,
// tracing, publish and versionDescription returns the existing ARN; roleArn and tags are then
// ignored (API_CreateStateMachine). A different definition → StateMachineAlreadyExists.
import { AwsError } from "../../errors.js";
import { machineArn, requireName } from "./arns.js";
import {
  checkDefinition,
  type MachineRecord,
  MachineRegistry,
  type MachineType,
} from "./machines.js";
import type { StatesAction } from "./model.js";
import { epoch, optionalString, requiredString } from "./wire.js";

const ROLE = /^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/;

export function requireRole(roleArn: string): string {
  if (!ROLE.test(roleArn)) {
    throw new AwsError("InvalidArn", `Invalid Arn: 'Invalid Role Arn: ${roleArn}'`);
  }
  return roleArn;
}

export function machineType(value: unknown): MachineType {
  if (value === undefined || value === null) return "STANDARD";
  if (value === "STANDARD" || value === "EXPRESS") return value;
  throw new AwsError(
    "ValidationException",
    `1 validation error detected: Value '${String(value)}' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [STANDARD, EXPRESS]`,
  );
}

function sameConfig(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

export const createStateMachine: StatesAction = async (model, input) => {
  const name = requireName(requiredString(input.name, "name"));
  const definition = requiredString(input.definition, "definition");
  const roleArn = requireRole(requiredString(input.roleArn, "roleArn"));
  const type = machineType(input.type);
  const publish = input.publish === true;
  const versionDescription = optionalString(input.versionDescription, "versionDescription");
  if (versionDescription !== undefined && !publish) {
    throw new AwsError(
      "ValidationException",
      "Version description can only be set when publish is true",
    );
  }
  checkDefinition(definition);
  const logging = (input.loggingConfiguration as Record<string, unknown>) ?? {
    level: "OFF",
    includeExecutionData: false,
  };
  const tracing = (input.tracingConfiguration as Record<string, unknown>) ?? { enabled: false };
  const arn = machineArn(model.region, model.account, name);
  return model.machines.update((machines) => {
    const existing = Object.hasOwn(machines, name) ? machines[name] : undefined;
    if (existing) {
      const same =
        existing.definition === definition &&
        existing.type === type &&
        sameConfig(existing.loggingConfiguration, logging) &&
        sameConfig(existing.tracingConfiguration, tracing);
      if (!same) {
        throw new AwsError("StateMachineAlreadyExists", `State Machine Already Exists: '${arn}'`);
      }
      const out: Record<string, unknown> = {
        stateMachineArn: existing.arn,
        creationDate: epoch(existing.creationDate),
      };
      const latest = existing.versions[existing.versions.length - 1];
      if (publish && latest) out.stateMachineVersionArn = latest.arn;
      return out;
    }
    const now = Date.now();
    const m: MachineRecord = {
      arn,
      name,
      type,
      definition,
      roleArn,
      creationDate: now,
      revisionId: MachineRegistry.newRevision(),
      loggingConfiguration: logging,
      tracingConfiguration: tracing,
      tags: Array.isArray(input.tags) ? (input.tags as MachineRecord["tags"]) : [],
      versions: [],
      nextVersion: 1,
    };
    machines[name] = m;
    const out: Record<string, unknown> = { stateMachineArn: arn, creationDate: epoch(now) };
    if (publish) {
      out.stateMachineVersionArn = MachineRegistry.publish(m, versionDescription, now).arn;
    }
    return out;
  });
};
