import type { EngineContext } from "../../types.js";
import { checkRoleName, findRole, rolesDoc, roleView } from "./roles.js";

export async function getRole(ctx: EngineContext, input: { RoleName: string }) {
  const doc = await rolesDoc(ctx).get();
  return { Role: roleView(findRole(doc, checkRoleName(input.RoleName))) };
}
