// IAM roles, persisted as one JSON document per data directory.
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { AwsError } from "../../errors.js";
import { JsonDocument } from "../../store.js";
import type { EngineContext } from "../../types.js";

export interface Tag {
  Key: string;
  Value: string;
}

export interface Role {
  Path: string;
  RoleName: string;
  RoleId: string;
  Arn: string;
  CreateDate: string;
  /** The trust policy, as sent (JSON text). */
  AssumeRolePolicyDocument: string;
  Description?: string;
  MaxSessionDuration: number;
  Tags: Tag[];
  /** Inline policies: name → document (JSON text). */
  Policies: Record<string, string>;
  /** Managed policy ARNs attached. */
  Attached: string[];
}

interface RolesDoc {
  roles: Record<string, Role>;
}

const docs = new Map<string, JsonDocument<RolesDoc>>();

export function rolesDoc(ctx: Pick<EngineContext, "home">): JsonDocument<RolesDoc> {
  let doc = docs.get(ctx.home);
  if (!doc) {
    doc = new JsonDocument(join(ctx.home, "iam", "roles.json"), () => ({ roles: {} }));
    docs.set(ctx.home, doc);
  }
  return doc;
}

export function forgetRoles(home: string): void {
  docs.delete(home);
}

/** IAM's ValidationError for a member that breaks its constraint. */
export function validationError(
  member: string,
  value: string | undefined,
  constraint: string,
): AwsError {
  const shown = value === undefined ? "null" : `'${value}'`;
  return new AwsError(
    "ValidationError",
    `1 validation error detected: Value ${shown} at '${member}' failed to satisfy constraint: ${constraint}`,
  );
}

export function checkRoleName(name: string | undefined): string {
  if (name === undefined || name === "") {
    throw validationError("roleName", undefined, "Member must not be null");
  }
  if (!/^[\w+=,.@-]{1,64}$/.test(name)) {
    throw validationError(
      "roleName",
      name,
      "Member must satisfy regular expression pattern: [\\w+=,.@-]+",
    );
  }
  return name;
}

export function checkPolicyName(name: string | undefined): string {
  if (name === undefined || name === "") {
    throw validationError("policyName", undefined, "Member must not be null");
  }
  if (!/^[\w+=,.@-]{1,128}$/.test(name)) {
    throw validationError(
      "policyName",
      name,
      "Member must satisfy regular expression pattern: [\\w+=,.@-]+",
    );
  }
  return name;
}

/** A policy document must be a JSON object: MalformedPolicyDocument otherwise. */
export function checkPolicyDocument(doc: string | undefined, member: string): string {
  if (doc === undefined || doc === "")
    throw validationError(member, undefined, "Member must not be null");
  let parsed: unknown;
  try {
    parsed = JSON.parse(doc);
  } catch {
    throw new AwsError("MalformedPolicyDocument", "This policy contains invalid Json");
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new AwsError("MalformedPolicyDocument", "This policy contains invalid Json");
  }
  return doc;
}

export function noSuchRole(name: string): AwsError {
  return new AwsError("NoSuchEntity", `The role with name ${name} cannot be found.`, 404);
}

export function findRole(doc: RolesDoc, name: string): Role {
  const role = Object.hasOwn(doc.roles, name) ? doc.roles[name] : undefined;
  if (!role) throw noSuchRole(name);
  return role;
}

export function newRoleId(): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  const bytes = randomBytes(17);
  return `AROA${[...bytes].map((b) => alphabet[b % alphabet.length]).join("")}`;
}

/** The Role structure IAM returns (policy documents URL-encoded, as IAM sends them). */
export function roleView(role: Role) {
  return {
    Path: role.Path,
    RoleName: role.RoleName,
    RoleId: role.RoleId,
    Arn: role.Arn,
    CreateDate: role.CreateDate,
    AssumeRolePolicyDocument: encodeURIComponent(role.AssumeRolePolicyDocument),
    ...(role.Description !== undefined ? { Description: role.Description } : {}),
    MaxSessionDuration: role.MaxSessionDuration,
    ...(role.Tags.length > 0 ? { Tags: role.Tags } : {}),
  };
}
