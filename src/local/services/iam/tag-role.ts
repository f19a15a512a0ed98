import type { EngineContext } from "../../types.js";
import { checkRoleName, findRole, rolesDoc, type Tag } from "./roles.js";

/** TagRole: adds tags, replacing the value of an existing key. */
export async function tagRole(ctx: EngineContext, input: { RoleName: string; Tags: Tag[] }) {
  const name = checkRoleName(input.RoleName);
  await rolesDoc(ctx).update((doc) => {
    const role = findRole(doc, name);
    for (const tag of input.Tags) {
      const i = role.Tags.findIndex((t) => t.Key === tag.Key);
      if (i >= 0) role.Tags[i] = tag;
      else role.Tags.push(tag);
    }
  });
}

export async function untagRole(
  ctx: EngineContext,
  input: { RoleName: string; TagKeys: string[] },
) {
  const name = checkRoleName(input.RoleName);
  await rolesDoc(ctx).update((doc) => {
    const role = findRole(doc, name);
    role.Tags = role.Tags.filter((t) => !input.TagKeys.includes(t.Key));
  });
}

export async function listRoleTags(ctx: EngineContext, input: { RoleName: string }) {
  const role = findRole(await rolesDoc(ctx).get(), checkRoleName(input.RoleName));
  return { Tags: role.Tags, IsTruncated: false };
}
