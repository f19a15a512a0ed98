import type { EngineContext } from "../../types.js";
import { checkRef, findVault, type VaultRef, vaultsDoc } from "./vaults.js";

/** DeleteVaultAccessPolicy: succeeds whether or not a policy was set. */
export async function deleteVaultAccessPolicy(ctx: EngineContext, input: VaultRef): Promise<void> {
  const region = checkRef(ctx, input);
  await vaultsDoc(ctx).update((doc) => {
    delete findVault(doc, ctx, region, input.vaultName).Policy;
  });
}
