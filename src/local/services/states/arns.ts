// Step Functions names and ARNs: stateMachine, version, execution and express execution ARNs,
// and the name rules of CreateStateMachine / StartExecution.
import { AwsError } from "../../errors.js";

export interface MachineArnParts {
  region: string;
  account: string;
  name: string;
  /** Present for a version ARN (…:stateMachine:name:1). */
  version?: number;
}

export interface ExecutionArnParts {
  region: string;
  account: string;
  machineName: string;
  name: string;
  express: boolean;
}

export function machineArn(region: string, account: string, name: string): string {
  return `arn:aws:states:${region}:${account}:stateMachine:${name}`;
}

export function executionArn(
  region: string,
  account: string,
  machineName: string,
  name: string,
): string {
  return `arn:aws:states:${region}:${account}:execution:${machineName}:${name}`;
}

/** Express executions: arn:aws:states:REGION:ACCOUNT:express:MACHINE:NAME:UUID. */
export function expressExecutionArn(
  region: string,
  account: string,
  machineName: string,
  name: string,
  id: string,
): string {
  return `arn:aws:states:${region}:${account}:express:${machineName}:${name}:${id}`;
}

function invalidArn(arn: string, what: string): AwsError {
  return new AwsError("InvalidArn", `Invalid Arn: '${what}: ${arn}'`);
}

function arnFields(arn: unknown, field: string): string[] {
  if (typeof arn !== "string") {
    throw new AwsError(
      "ValidationException",
      `1 validation error detected: Value null at '${field}' failed to satisfy constraint: Member must not be null`,
    );
  }
  const parts = arn.split(":");
  if (parts.length < 6 || parts[0] !== "arn" || parts[2] !== "states") {
    throw invalidArn(arn, "Invalid ARN prefix");
  }
  return parts;
}

/** Parses a state machine ARN (or a version ARN); InvalidArn otherwise. */
export function parseMachineArn(arn: unknown, field = "stateMachineArn"): MachineArnParts {
  const parts = arnFields(arn, field);
  if (parts[5] !== "stateMachine") throw wrongResourceType(parts[5]);
  if (parts.length < 7 || parts.length > 8 || !parts[6]) {
    throw invalidArn(String(arn), "Resource type not valid in this context");
  }
  const out: MachineArnParts = { region: parts[3], account: parts[4], name: parts[6] };
  if (parts.length === 8) {
    const v = Number(parts[7]);
    if (!/^\d+$/.test(parts[7]) || v < 1) {
      throw invalidArn(String(arn), "Invalid version qualifier");
    }
    out.version = v;
  }
  return out;
}

/** Parses an execution ARN (standard or express); InvalidArn otherwise. */
export function parseExecutionArn(arn: unknown, field = "executionArn"): ExecutionArnParts {
  const parts = arnFields(arn, field);
  const kind = parts[5];
  if (kind !== "execution" && kind !== "express") throw wrongResourceType(kind);
  if (parts.length < 8 || !parts[6] || !parts[7]) {
    throw invalidArn(String(arn), "Resource type not valid in this context");
  }
  return {
    region: parts[3],
    account: parts[4],
    machineName: parts[6],
    name: parts[7],
    express: kind === "express",
  };
}

/**
 * A Standard execution's ARN. AWS keeps no record of Express executions (only CloudWatch Logs):
 * DescribeExecution, GetExecutionHistory and StopExecution refuse their ARNs with InvalidArn
 * "Resource type not valid in this context: express" (as recorded against AWS).
 */
export function parseStandardExecutionArn(arn: unknown): ExecutionArnParts {
  const parts = parseExecutionArn(arn);
  if (parts.express) throw wrongResourceType("express");
  return parts;
}

/** AWS names the resource type it found, not the ARN ("…in this context: stateMachine"). */
function wrongResourceType(kind: string): AwsError {
  return new AwsError(
    "InvalidArn",
    `Invalid Arn: 'Resource type not valid in this context: ${kind}'`,
  );
}

// Names: 1–80 characters, none of whitespace, < > { } [ ], ? *, " # % \ ^ | ~ ` $ & , ; : /,
// nor control characters (API_StartExecution, "name").
const FORBIDDEN = /[\s<>{}[\]?*"#%\\^|~`$&,;:/]/;

function hasControl(name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c <= 0x1f || (c >= 0x7f && c <= 0x9f)) return true;
  }
  return false;
}

export function isValidName(name: string): boolean {
  return name.length >= 1 && name.length <= 80 && !FORBIDDEN.test(name) && !hasControl(name);
}

export function requireName(name: unknown): string {
  if (typeof name !== "string" || !isValidName(name)) {
    throw new AwsError("InvalidName", `Invalid Name: '${String(name)}'`);
  }
  return name;
}
