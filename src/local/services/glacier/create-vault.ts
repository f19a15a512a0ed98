import type { EngineContext } from "../../types.js";
import { checkRef, type VaultRef, vaultArn, vaultsDoc } from "./vaults.js";

/** CreateVault: idempotent, as Glacier is (creating an existing vault succeeds). */
export async function createVault(
  ctx: EngineContext,
  input: VaultRef,
): Promise<{ location: string }> {
  const region = checkRef(ctx, input);
  await vaultsDoc(ctx).update((doc) => {
    doc.regions[region] ??= {};
    const vaults = doc.regions[region];
    if (vaults[input.vaultName]) return;
    vaults[input.vaultName] = {
      VaultName: input.vaultName,
      VaultARN: vaultArn(ctx, region, input.vaultName),
      CreationDate: new Date().toISOString(),
      NumberOfArchives: 0,
      SizeInBytes: 0,
    };
  });
  return { location: `/${ctx.accountId}/vaults/${input.vaultName}` };
}
