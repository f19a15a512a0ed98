// S3 Glacier (restJson1): vaults and their access policies. Paths /{accountId}/vaults/{vaultName}.
import { parseRestJsonBody, restJsonResponse, restJsonService } from "../../protocols/rest-json.js";
import type { Service } from "../../types.js";
import { createVault } from "./create-vault.js";
import { deleteVault } from "./delete-vault.js";
import { deleteVaultAccessPolicy } from "./delete-vault-access-policy.js";
import { describeVault } from "./describe-vault.js";
import { getVaultAccessPolicy } from "./get-vault-access-policy.js";
import { listVaults } from "./list-vaults.js";
import { setVaultAccessPolicy } from "./set-vault-access-policy.js";
import { forgetVaults } from "./vaults.js";

export type { Vault, VaultRef } from "./vaults.js";

/** The actions, for in-process callers (the Step Functions task runner). */
export const glacierActions = {
  createVault,
  describeVault,
  listVaults,
  deleteVault,
  setVaultAccessPolicy,
  getVaultAccessPolicy,
  deleteVaultAccessPolicy,
};

const VAULT = "/{accountId}/vaults/{vaultName}";
const POLICY = `${VAULT}/access-policy`;

export function createGlacierService(): Service {
  let home: string | undefined;
  return restJsonService({
    name: "glacier",
    errorStyle: "glacier",
    async start(ctx) {
      home = ctx.home;
    },
    async stop() {
      if (home) forgetVaults(home);
    },
    routes: [
      { method: "PUT", path: VAULT, operation: "CreateVault" },
      { method: "GET", path: VAULT, operation: "DescribeVault" },
      { method: "DELETE", path: VAULT, operation: "DeleteVault" },
      { method: "GET", path: "/{accountId}/vaults", operation: "ListVaults" },
      { method: "PUT", path: POLICY, operation: "SetVaultAccessPolicy" },
      { method: "GET", path: POLICY, operation: "GetVaultAccessPolicy" },
      { method: "DELETE", path: POLICY, operation: "DeleteVaultAccessPolicy" },
    ],
    handlers: {
      async CreateVault(ctx, p, req) {
        const out = await createVault(ctx, {
          accountId: p.accountId,
          vaultName: p.vaultName,
          region: req.region,
        });
        return restJsonResponse(201, undefined, { location: out.location });
      },
      async DescribeVault(ctx, p, req) {
        const ref = { accountId: p.accountId, vaultName: p.vaultName, region: req.region };
        return restJsonResponse(200, await describeVault(ctx, ref));
      },
      async DeleteVault(ctx, p, req) {
        await deleteVault(ctx, {
          accountId: p.accountId,
          vaultName: p.vaultName,
          region: req.region,
        });
        return restJsonResponse(204);
      },
      async ListVaults(ctx, p, req) {
        const input = {
          accountId: p.accountId,
          region: req.region,
          marker: req.query.get("marker") ?? undefined,
          limit: req.query.get("limit") ?? undefined,
        };
        return restJsonResponse(200, await listVaults(ctx, input));
      },
      async SetVaultAccessPolicy(ctx, p, req) {
        const body = parseRestJsonBody(req);
        const policy =
          body && typeof body.Policy === "string" ? { Policy: body.Policy } : undefined;
        const ref = { accountId: p.accountId, vaultName: p.vaultName, region: req.region };
        await setVaultAccessPolicy(ctx, { ...ref, policy });
        return restJsonResponse(204);
      },
      async GetVaultAccessPolicy(ctx, p, req) {
        const ref = { accountId: p.accountId, vaultName: p.vaultName, region: req.region };
        const out = await getVaultAccessPolicy(ctx, ref);
        // The policy structure is the HTTP payload: the body is {"Policy": "..."}.
        return restJsonResponse(200, out.policy);
      },
      async DeleteVaultAccessPolicy(ctx, p, req) {
        const ref = { accountId: p.accountId, vaultName: p.vaultName, region: req.region };
        await deleteVaultAccessPolicy(ctx, ref);
        return restJsonResponse(204);
      },
    },
  });
}
