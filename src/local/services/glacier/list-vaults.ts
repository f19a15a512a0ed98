import { AwsError } from "../../errors.js";
import type { EngineContext } from "../../types.js";
import { describe, vaultsDoc } from "./vaults.js";

export interface ListVaultsInput {
  accountId: string;
  region?: string;
  /** The ARN of the last vault of the previous page. */
  marker?: string;
  limit?: string | number;
}

/** ListVaults: sorted by name, pages of `limit` (1–1000, default 10) with an ARN marker. */
export async function listVaults(ctx: EngineContext, input: ListVaultsInput) {
  if (input.accountId !== "-" && input.accountId !== ctx.accountId) {
    throw new AwsError(
      "AccessDeniedException",
      `User is not authorized to access account ${input.accountId}`,
      403,
    );
  }
  let limit = 10;
  if (input.limit !== undefined && input.limit !== "") {
    limit = Number(input.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
      throw new AwsError(
        "InvalidParameterValueException",
        "Invalid limit value. Valid values are from 1 to 1000.",
      );
    }
  }
  const region = input.region ?? ctx.defaultRegion;
  const doc = await vaultsDoc(ctx).get();
  const all = Object.values(doc.regions[region] ?? {}).sort((a, b) =>
    a.VaultName < b.VaultName ? -1 : a.VaultName > b.VaultName ? 1 : 0,
  );
  let start = 0;
  if (input.marker) {
    const i = all.findIndex((v) => v.VaultARN === input.marker);
    if (i < 0) throw new AwsError("InvalidParameterValueException", "Invalid marker value.");
    start = i + 1;
  }
  const page = all.slice(start, start + limit);
  const more = start + limit < all.length;
  return {
    VaultList: page.map(describe),
    ...(more ? { Marker: page[page.length - 1].VaultARN } : {}),
  };
}
