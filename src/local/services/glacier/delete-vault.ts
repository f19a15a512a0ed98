import { AwsError } from "../../errors.js";
import type { EngineContext } from "../../types.js";
import { checkRef, findVault, type VaultRef, vaultsDoc } from "./vaults.js";

/** DeleteVault: refused while the vault holds archives, as Glacier does. */
export async function deleteVault(ctx: EngineContext, input: VaultRef): Promise<void> {
  const region = checkRef(ctx, input);
  await vaultsDoc(ctx).update((doc) => {
    const vault = findVault(doc, ctx, region, input.vaultName);
    if (vault.NumberOfArchives > 0) {
      throw new AwsError(
        "InvalidParameterValueException",
        `Vault not empty or recently written to: ${vault.VaultARN}`,
      );
    }
    delete doc.regions[region][input.vaultName];
  });
}
