import { AwsError } from "../../errors.js";
import type { EngineContext } from "../../types.js";
import {
  checkPolicyDocument,
  checkRoleName,
  newRoleId,
  type Role,
  rolesDoc,
  roleView,
  type Tag,
  validationError,
} from "./roles.js";

export interface CreateRoleInput {
  RoleName: string;
  AssumeRolePolicyDocument: string;
  Path?: string;
  Description?: string;
  MaxSessionDuration?: number;
  Tags?: Tag[];
}

export async function createRole(ctx: EngineContext, input: CreateRoleInput) {
  const name = checkRoleName(input.RoleName);
  const trust = checkPolicyDocument(input.AssumeRolePolicyDocument, "assumeRolePolicyDocument");
  const path = input.Path ?? "/";
  if (!/^\/([\x21-\x7e]*\/)?$/.test(path) || path.length > 512) {
    throw validationError(
      "path",
      path,
      "Member must satisfy regular expression pattern: (\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)",
    );
  }
  const max = input.MaxSessionDuration ?? 3600;
  if (!Number.isInteger(max) || max < 3600 || max > 43200) {
    throw validationError(
      "maxSessionDuration",
      String(input.MaxSessionDuration),
      "Member must have value between 3600 and 43200",
    );
  }
  return rolesDoc(ctx).update((doc) => {
    const existing = Object.keys(doc.roles).find((n) => n.toLowerCase() === name.toLowerCase());
    if (existing) {
      throw new AwsError("EntityAlreadyExists", `Role with name ${name} already exists.`, 409);
    }
    const role: Role = {
      Path: path,
      RoleName: name,
      RoleId: newRoleId(),
      Arn: `arn:aws:iam::${ctx.accountId}:role${path}${name}`,
      CreateDate: new Date().toISOString(),
      AssumeRolePolicyDocument: trust,
      ...(input.Description !== undefined ? { Description: input.Description } : {}),
      MaxSessionDuration: max,
      Tags: input.Tags ?? [],
      Policies: {},
      Attached: [],
    };
    doc.roles[name] = role;
    return { Role: roleView(role) };
  });
}
