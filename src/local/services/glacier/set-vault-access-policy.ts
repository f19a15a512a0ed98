import { AwsError } from "../../errors.js";
import type { EngineContext } from "../../types.js";
import { checkRef, findVault, type VaultRef, vaultsDoc } from "./vaults.js";

export interface SetVaultAccessPolicyInput extends VaultRef {
  policy?: { Policy?: string };
}

export async function setVaultAccessPolicy(
  ctx: EngineContext,
  input: SetVaultAccessPolicyInput,
): Promise<void> {
  const region = checkRef(ctx, input);
  const policy = input.policy?.Policy;
  if (typeof policy !== "string" || policy === "") {
    throw new AwsError("MissingParameterValueException", "Required parameter missing: Policy");
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(policy);
  } catch {
    throw new AwsError("InvalidParameterValueException", "Policy is not valid JSON.");
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new AwsError("InvalidParameterValueException", "Policy is not valid JSON.");
  }
  await vaultsDoc(ctx).update((doc) => {
    findVault(doc, ctx, region, input.vaultName).Policy = policy;
  });
}
