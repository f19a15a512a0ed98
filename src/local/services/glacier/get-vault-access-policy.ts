import { AwsError } from "../../errors.js";
import type { EngineContext } from "../../types.js";
import { checkRef, findVault, type VaultRef, vaultsDoc } from "./vaults.js";

export async function getVaultAccessPolicy(
  ctx: EngineContext,
  input: VaultRef,
): Promise<{ policy: { Policy: string } }> {
  const region = checkRef(ctx, input);
  const doc = await vaultsDoc(ctx).get();
  const vault = findVault(doc, ctx, region, input.vaultName);
  if (vault.Policy === undefined) {
    throw new AwsError(
      "ResourceNotFoundException",
      `No vault access policy is set for: ${vault.VaultARN}`,
      404,
    );
  }
  return { policy: { Policy: vault.Policy } };
}
