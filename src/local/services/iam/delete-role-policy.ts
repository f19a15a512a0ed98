import { AwsError } from "../../errors.js";
import type { EngineContext } from "../../types.js";
import { checkPolicyName, checkRoleName, findRole, rolesDoc } from "./roles.js";

export async function deleteRolePolicy(
  ctx: EngineContext,
  input: { RoleName: string; PolicyName: string },
): Promise<void> {
  const name = checkRoleName(input.RoleName);
  const policy = checkPolicyName(input.PolicyName);
  await rolesDoc(ctx).update((doc) => {
    const role = findRole(doc, name);
    if (!Object.hasOwn(role.Policies, policy)) {
      throw new AwsError(
        "NoSuchEntity",
        `The role policy with name ${policy} cannot be found.`,
        404,
      );
    }
    delete role.Policies[policy];
  });
}
