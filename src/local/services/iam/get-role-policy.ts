import { AwsError } from "../../errors.js";
import type { EngineContext } from "../../types.js";
import { checkPolicyName, checkRoleName, findRole, rolesDoc } from "./roles.js";

export async function getRolePolicy(
  ctx: EngineContext,
  input: { RoleName: string; PolicyName: string },
) {
  const name = checkRoleName(input.RoleName);
  const policy = checkPolicyName(input.PolicyName);
  const role = findRole(await rolesDoc(ctx).get(), name);
  const document = Object.hasOwn(role.Policies, policy) ? role.Policies[policy] : undefined;
  if (document === undefined) {
    throw new AwsError("NoSuchEntity", `The role policy with name ${policy} cannot be found.`, 404);
  }
  // IAM returns policy documents URL-encoded.
  return { RoleName: name, PolicyName: policy, PolicyDocument: encodeURIComponent(document) };
}
