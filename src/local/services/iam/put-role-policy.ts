import type { EngineContext } from "../../types.js";
import {
  checkPolicyDocument,
  checkPolicyName,
  checkRoleName,
  findRole,
  rolesDoc,
} from "./roles.js";

export async function putRolePolicy(
  ctx: EngineContext,
  input: { RoleName: string; PolicyName: string; PolicyDocument: string },
): Promise<void> {
  const name = checkRoleName(input.RoleName);
  const policy = checkPolicyName(input.PolicyName);
  const document = checkPolicyDocument(input.PolicyDocument, "policyDocument");
  await rolesDoc(ctx).update((doc) => {
    findRole(doc, name).Policies[policy] = document;
  });
}
