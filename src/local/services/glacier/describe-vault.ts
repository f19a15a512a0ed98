import type { EngineContext } from "../../types.js";
import { checkRef, describe, findVault, type VaultRef, vaultsDoc } from "./vaults.js";

export async function describeVault(ctx: EngineContext, input: VaultRef) {
  const region = checkRef(ctx, input);
  const doc = await vaultsDoc(ctx).get();
  return describe(findVault(doc, ctx, region, input.vaultName));
}
