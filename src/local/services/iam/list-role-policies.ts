import type { EngineContext } from "../../types.js";
import { checkRoleName, findRole, rolesDoc } from "./roles.js";

export async function listRolePolicies(ctx: EngineContext, input: { RoleName: string }) {
  const role = findRole(await rolesDoc(ctx).get(), checkRoleName(input.RoleName));
  return { PolicyNames: Object.keys(role.Policies).sort(), IsTruncated: false };
}
