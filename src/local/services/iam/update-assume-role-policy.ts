import type { EngineContext } from "../../types.js";
import { checkPolicyDocument, checkRoleName, findRole, rolesDoc } from "./roles.js";

export async function updateAssumeRolePolicy(
  ctx: EngineContext,
  input: { RoleName: string; PolicyDocument: string },
): Promise<void> {
  const name = checkRoleName(input.RoleName);
  const document = checkPolicyDocument(input.PolicyDocument, "policyDocument");
  await rolesDoc(ctx).update((doc) => {
    findRole(doc, name).AssumeRolePolicyDocument = document;
  });
}
