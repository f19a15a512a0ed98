import type { EngineContext } from "../../types.js";
import { checkRoleName, findRole, rolesDoc, validationError } from "./roles.js";

function checkArn(arn: string | undefined): string {
  if (!arn || !/^arn:aws[a-z-]*:iam::(aws|\d{12}):policy\/.+/.test(arn)) {
    throw validationError("policyArn", arn, "Member must be a valid policy ARN");
  }
  return arn;
}

export async function attachRolePolicy(
  ctx: EngineContext,
  input: { RoleName: string; PolicyArn: string },
): Promise<void> {
  const name = checkRoleName(input.RoleName);
  const arn = checkArn(input.PolicyArn);
  await rolesDoc(ctx).update((doc) => {
    const role = findRole(doc, name);
    if (!role.Attached.includes(arn)) role.Attached.push(arn);
  });
}

export async function detachRolePolicy(
  ctx: EngineContext,
  input: { RoleName: string; PolicyArn: string },
): Promise<void> {
  const name = checkRoleName(input.RoleName);
  const arn = checkArn(input.PolicyArn);
  await rolesDoc(ctx).update((doc) => {
    const role = findRole(doc, name);
    role.Attached = role.Attached.filter((a) => a !== arn);
  });
}

export async function listAttachedRolePolicies(ctx: EngineContext, input: { RoleName: string }) {
  const role = findRole(await rolesDoc(ctx).get(), checkRoleName(input.RoleName));
  return {
    AttachedPolicies: role.Attached.map((arn) => ({
      PolicyName: arn.slice(arn.lastIndexOf("/") + 1),
      PolicyArn: arn,
    })),
    IsTruncated: false,
  };
}
