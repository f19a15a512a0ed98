import type { EngineContext } from "../../types.js";

export interface CallerIdentity {
  UserId: string;
  Account: string;
  Arn: string;
}

/** GetCallerIdentity: the local engine has one identity, the account root. */
export async function getCallerIdentity(
  ctx: EngineContext,
  _input: { accessKeyId?: string } = {},
): Promise<CallerIdentity> {
  return {
    UserId: ctx.accountId,
    Account: ctx.accountId,
    Arn: `arn:aws:iam::${ctx.accountId}:root`,
  };
}
