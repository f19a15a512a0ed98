// Glacier vault state, persisted as one JSON document per data directory.
import { join } from "node:path";
import { AwsError } from "../../errors.js";
import { JsonDocument } from "../../store.js";
import type { EngineContext } from "../../types.js";

export interface Vault {
  VaultName: string;
  VaultARN: string;
  CreationDate: string;
  NumberOfArchives: number;
  SizeInBytes: number;
  /** The access policy document (a JSON string), when one is set. */
  Policy?: string;
}

interface VaultsDoc {
  /** region → vault name → vault */
  regions: Record<string, Record<string, Vault>>;
}

/** Identifies a vault: `accountId` "-" means the caller's account (the API's convention). */
export interface VaultRef {
  accountId: string;
  vaultName: string;
  region?: string;
}

const docs = new Map<string, JsonDocument<VaultsDoc>>();

export function vaultsDoc(ctx: Pick<EngineContext, "home">): JsonDocument<VaultsDoc> {
  let doc = docs.get(ctx.home);
  if (!doc) {
    doc = new JsonDocument(join(ctx.home, "glacier", "vaults.json"), () => ({ regions: {} }));
    docs.set(ctx.home, doc);
  }
  return doc;
}

/** Drops the cached document of a data directory (engine stop). */
export function forgetVaults(home: string): void {
  docs.delete(home);
}

const NAME = /^[A-Za-z0-9_.-]{1,255}$/;

/** Checks the account id and vault name; returns the region to use. */
export function checkRef(ctx: EngineContext, ref: VaultRef): string {
  if (ref.accountId === undefined || ref.accountId === "") {
    throw new AwsError("MissingParameterValueException", "Required parameter missing: accountId");
  }
  if (ref.accountId !== "-" && ref.accountId !== ctx.accountId) {
    throw new AwsError(
      "AccessDeniedException",
      `User is not authorized to access account ${ref.accountId}`,
      403,
    );
  }
  if (ref.vaultName === undefined || ref.vaultName === "") {
    throw new AwsError("MissingParameterValueException", "Required parameter missing: vaultName");
  }
  if (!NAME.test(ref.vaultName)) {
    throw new AwsError(
      "InvalidParameterValueException",
      "Vault name must be 1 to 255 characters: a-z, A-Z, 0-9, '_' (underscore), '-' (hyphen), and '.' (period).",
    );
  }
  return ref.region ?? ctx.defaultRegion;
}

export function vaultArn(ctx: EngineContext, region: string, name: string): string {
  return `arn:aws:glacier:${region}:${ctx.accountId}:vaults/${name}`;
}

/** The vault, or Glacier's ResourceNotFoundException. */
export function findVault(doc: VaultsDoc, ctx: EngineContext, region: string, name: string): Vault {
  const vault = doc.regions[region]?.[name];
  if (!vault) {
    throw new AwsError(
      "ResourceNotFoundException",
      `Vault not found for ARN: ${vaultArn(ctx, region, name)}`,
      404,
    );
  }
  return vault;
}

/** DescribeVault's shape of a vault. */
export function describe(vault: Vault): Omit<Vault, "Policy"> & { LastInventoryDate?: string } {
  const { Policy: _policy, ...rest } = vault;
  return rest;
}
