// STS (awsQuery).
import { queryService } from "../../protocols/query.js";
import type { Service } from "../../types.js";
import { getCallerIdentity } from "./get-caller-identity.js";

export const STS_XMLNS = "https://sts.amazonaws.com/doc/2011-06-15/";

export const stsActions = { getCallerIdentity };

export function createStsService(): Service {
  return queryService({
    name: "sts",
    xmlns: STS_XMLNS,
    actions: {
      GetCallerIdentity: async (ctx, _params, req) => ({
        ...(await getCallerIdentity(ctx, { accessKeyId: req.accessKeyId })),
      }),
    },
  });
}
