import { AwsError } from "../../errors.js";
import type { EngineContext } from "../../types.js";
import { checkRoleName, findRole, rolesDoc } from "./roles.js";

/** DeleteRole: refused with DeleteConflict while inline or attached policies remain. */
export async function deleteRole(ctx: EngineContext, input: { RoleName: string }): Promise<void> {
  const name = checkRoleName(input.RoleName);
  await rolesDoc(ctx).update((doc) => {
    const role = findRole(doc, name);
    if (Object.keys(role.Policies).length > 0 || role.Attached.length > 0) {
      throw new AwsError(
        "DeleteConflict",
        "Cannot delete entity, must delete policies first.",
        409,
      );
    }
    delete doc.roles[name];
  });
}
