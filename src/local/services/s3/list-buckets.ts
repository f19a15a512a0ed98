import type { EngineContext } from "../../types.js";
import { bucketsDoc } from "./buckets.js";

export interface BucketSummary {
  Name: string;
  CreationDate: string;
  BucketRegion: string;
}

/** ListBuckets: general purpose buckets only, sorted by name. */
export async function listBuckets(
  ctx: EngineContext,
  _input: Record<string, never> = {},
): Promise<{ Buckets: BucketSummary[]; Owner: { ID: string; DisplayName: string } }> {
  const doc = await bucketsDoc(ctx).get();
  const Buckets = Object.values(doc.buckets)
    .filter((b) => b.Type === "general")
    .sort((a, b) => (a.Name < b.Name ? -1 : 1))
    .map((b) => ({ Name: b.Name, CreationDate: b.CreationDate, BucketRegion: b.Region }));
  return { Buckets, Owner: { ID: ctx.accountId, DisplayName: "contabanco" } };
}

/** ListDirectoryBuckets: directory buckets only. */
export async function listDirectoryBuckets(
  ctx: EngineContext,
  _input: Record<string, never> = {},
): Promise<{ Buckets: BucketSummary[] }> {
  const doc = await bucketsDoc(ctx).get();
  const Buckets = Object.values(doc.buckets)
    .filter((b) => b.Type === "directory")
    .sort((a, b) => (a.Name < b.Name ? -1 : 1))
    .map((b) => ({ Name: b.Name, CreationDate: b.CreationDate, BucketRegion: b.Region }));
  return { Buckets };
}
