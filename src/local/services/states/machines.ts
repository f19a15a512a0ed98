// The state machine registry: definitions, versions, persisted as one JSON document
// (<home>/states/machines.json). Compiled definitions are cached by text.
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import type { Diagnostic } from "../../../asl/index.js";
import { StateMachine, validateDefinition } from "../../../asl/index.js";
import { AwsError } from "../../errors.js";
import { JsonDocument } from "../../store.js";
import { machineArn, parseMachineArn } from "./arns.js";

export type MachineType = "STANDARD" | "EXPRESS";

export interface VersionRecord {
  version: number;
  arn: string;
  definition: string;
  roleArn: string;
  description?: string;
  revisionId: string;
  creationDate: number;
}

export interface MachineRecord {
  arn: string;
  name: string;
  type: MachineType;
  definition: string;
  roleArn: string;
  creationDate: number;
  updateDate?: number;
  revisionId: string;
  loggingConfiguration: Record<string, unknown>;
  tracingConfiguration: Record<string, unknown>;
  tags: { key: string; value: string }[];
  versions: VersionRecord[];
  nextVersion: number;
}

/** What a state machine ARN (or version ARN) designates. */
export interface ResolvedMachine {
  machine: MachineRecord;
  version?: VersionRecord;
  definition: string;
  roleArn: string;
}

/** AWS's InvalidDefinition message: "Invalid State Machine Definition: 'CODE: msg at /path, …'". */
export function invalidDefinition(diagnostics: Diagnostic[]): AwsError {
  const text = diagnostics
    .map((d) => `${d.code}: ${d.message}${d.location ? ` at ${d.location}` : ""}`)
    .join(", ");
  return new AwsError("InvalidDefinition", `Invalid State Machine Definition: '${text}'`);
}

/** Validates a definition as CreateStateMachine does; InvalidDefinition on errors. */
export function checkDefinition(definition: string): void {
  const errors = validateDefinition(definition).filter((d) => d.severity === "ERROR");
  if (errors.length > 0) throw invalidDefinition(errors);
}

export function machineDoesNotExist(arn: string): AwsError {
  return new AwsError("StateMachineDoesNotExist", `State Machine Does Not Exist: '${arn}'`);
}

export class MachineRegistry {
  private readonly doc: JsonDocument<Record<string, MachineRecord>>;
  private machines: Record<string, MachineRecord> = {};
  private readonly compiled = new Map<string, StateMachine>();

  constructor(
    home: string,
    readonly region: string,
    readonly account: string,
  ) {
    this.doc = new JsonDocument(join(home, "states", "machines.json"), () => ({}));
  }

  async load(): Promise<void> {
    this.machines = await this.doc.get();
  }

  list(): MachineRecord[] {
    return Object.values(this.machines).sort((a, b) => a.name.localeCompare(b.name));
  }

  byName(name: string): MachineRecord | undefined {
    return Object.hasOwn(this.machines, name) ? this.machines[name] : undefined;
  }

  /** The machine (and version) an ARN names, or StateMachineDoesNotExist. */
  resolve(arn: unknown, field = "stateMachineArn"): ResolvedMachine {
    const parts = parseMachineArn(arn, field);
    const machine = this.byName(parts.name);
    if (!machine || machineArn(parts.region, parts.account, parts.name) !== machine.arn) {
      throw machineDoesNotExist(String(arn));
    }
    if (parts.version === undefined) {
      return { machine, definition: machine.definition, roleArn: machine.roleArn };
    }
    const version = machine.versions.find((v) => v.version === parts.version);
    if (!version) throw machineDoesNotExist(String(arn));
    return { machine, version, definition: version.definition, roleArn: version.roleArn };
  }

  /** The compiled definition (cached by its text). */
  compile(definition: string): StateMachine {
    let sm = this.compiled.get(definition);
    if (!sm) {
      sm = StateMachine.compile(definition);
      this.compiled.set(definition, sm);
    }
    return sm;
  }

  /** Applies `fn` to the registry and persists it. */
  async update<R>(fn: (machines: Record<string, MachineRecord>) => R): Promise<R> {
    try {
      return await this.doc.update((doc) => fn(doc));
    } finally {
      // A failed change makes the document reload from disk: follow it.
      this.machines = await this.doc.get();
    }
  }

  /** Publishes the current definition of `m` as a new version (mutates `m`). */
  static publish(m: MachineRecord, description: string | undefined, now: number): VersionRecord {
    const version: VersionRecord = {
      version: m.nextVersion,
      arn: `${m.arn}:${m.nextVersion}`,
      definition: m.definition,
      roleArn: m.roleArn,
      revisionId: m.revisionId,
      creationDate: now,
    };
    if (description !== undefined) version.description = description;
    m.nextVersion += 1;
    m.versions.push(version);
    return version;
  }

  static newRevision(): string {
    return randomUUID();
  }
}
