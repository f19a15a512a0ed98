import {
  CreateVaultCommand,
  DeleteVaultAccessPolicyCommand,
  DeleteVaultCommand,
  DescribeVaultCommand,
  GetVaultAccessPolicyCommand,
  GlacierClient,
  InvalidParameterValueException,
  ListVaultsCommand,
  MissingParameterValueException,
  ResourceNotFoundException,
  SetVaultAccessPolicyCommand,
} from "@aws-sdk/client-glacier";
import { beforeAll, describe, expect, it } from "vitest";
import { glacierActions } from "../../src/local/services/glacier/index.js";
import { useEngine } from "../support/engine.js";
import { raw, scopeAuth } from "../support/http.js";

const policy = JSON.stringify({
  Version: "2012-10-17",
  Statement: [
    {
      Sid: "no-delete",
      Effect: "Deny",
      Principal: "*",
      Action: "glacier:DeleteArchive",
      Resource: "arn:aws:glacier:us-east-1:000000000000:vaults/arquivo",
    },
  ],
});

describe("glacier on the local engine", () => {
  const engine = useEngine();
  let glacier: GlacierClient;
  beforeAll(async () => {
    glacier = engine.client(GlacierClient);
  });

  it("creates, describes and lists vaults", async () => {
    const created = await glacier.send(
      new CreateVaultCommand({ accountId: "-", vaultName: "arquivo" }),
    );
    expect(created.location).toBe("/000000000000/vaults/arquivo");
    // CreateVault is idempotent.
    await glacier.send(new CreateVaultCommand({ accountId: "-", vaultName: "arquivo" }));
    await glacier.send(new CreateVaultCommand({ accountId: "-", vaultName: "b-outro" }));
    const d = await glacier.send(
      new DescribeVaultCommand({ accountId: "-", vaultName: "arquivo" }),
    );
    expect(d.VaultARN).toBe("arn:aws:glacier:us-east-1:000000000000:vaults/arquivo");
    expect(d.NumberOfArchives).toBe(0);
    expect(d.CreationDate).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const page1 = await glacier.send(new ListVaultsCommand({ accountId: "-", limit: 1 }));
    expect(page1.VaultList?.map((v) => v.VaultName)).toEqual(["arquivo"]);
    expect(page1.Marker).toBe(d.VaultARN);
    const page2 = await glacier.send(
      new ListVaultsCommand({ accountId: "-", limit: 1, marker: page1.Marker }),
    );
    expect(page2.VaultList?.map((v) => v.VaultName)).toEqual(["b-outro"]);
    expect(page2.Marker).toBeUndefined();
  });

  it("sets, gets and deletes the access policy", async () => {
    await glacier.send(
      new SetVaultAccessPolicyCommand({
        accountId: "-",
        vaultName: "arquivo",
        policy: { Policy: policy },
      }),
    );
    const got = await glacier.send(
      new GetVaultAccessPolicyCommand({ accountId: "-", vaultName: "arquivo" }),
    );
    expect(got.policy?.Policy).toBe(policy);
    const inProcess = await glacierActions.getVaultAccessPolicy(engine.server.ctx, {
      accountId: "-",
      vaultName: "arquivo",
    });
    expect(inProcess.policy.Policy).toBe(policy);
    await glacier.send(
      new DeleteVaultAccessPolicyCommand({ accountId: "-", vaultName: "arquivo" }),
    );
    const err = await glacier
      .send(new GetVaultAccessPolicyCommand({ accountId: "-", vaultName: "arquivo" }))
      .catch((e) => e);
    expect(err).toBeInstanceOf(ResourceNotFoundException);
    expect(err.message).toBe(
      "No vault access policy is set for: arn:aws:glacier:us-east-1:000000000000:vaults/arquivo",
    );
  });

  it("raises ResourceNotFoundException with Glacier's body for a missing vault", async () => {
    const err = await glacier
      .send(new DescribeVaultCommand({ accountId: "-", vaultName: "nada" }))
      .catch((e) => e);
    expect(err).toBeInstanceOf(ResourceNotFoundException);
    expect(err.$metadata.httpStatusCode).toBe(404);
    const res = await raw(engine.url, {
      method: "GET",
      path: "/-/vaults/nada",
      headers: { authorization: scopeAuth("glacier") },
    });
    expect(JSON.parse(res.text)).toEqual({
      code: "ResourceNotFoundException",
      message: "Vault not found for ARN: arn:aws:glacier:us-east-1:000000000000:vaults/nada",
      type: "Client",
    });
  });

  it("raises InvalidParameterValueException and MissingParameterValueException", async () => {
    const bad = await glacier
      .send(new CreateVaultCommand({ accountId: "-", vaultName: "nome inválido" }))
      .catch((e) => e);
    expect(bad).toBeInstanceOf(InvalidParameterValueException);
    const notJson = await glacier
      .send(
        new SetVaultAccessPolicyCommand({
          accountId: "-",
          vaultName: "arquivo",
          policy: { Policy: "{nope" },
        }),
      )
      .catch((e) => e);
    expect(notJson).toBeInstanceOf(InvalidParameterValueException);
    const missing = await glacier
      .send(new SetVaultAccessPolicyCommand({ accountId: "-", vaultName: "arquivo" }))
      .catch((e) => e);
    expect(missing).toBeInstanceOf(MissingParameterValueException);
  });

  it("ListVaults refuses a bad limit or marker with InvalidParameterValueException", async () => {
    for (const input of [{ limit: 0 }, { limit: 1001 }, { marker: "nao-e-um-arn" }]) {
      const err = await glacier
        .send(new ListVaultsCommand({ accountId: "-", ...input }))
        .catch((e) => e);
      expect(err, JSON.stringify(input)).toBeInstanceOf(InvalidParameterValueException);
      expect(err.name).toBe("InvalidParameterValueException");
      expect(err.$metadata.httpStatusCode).toBe(400);
    }
  });

  it("DeleteVaultAccessPolicy of a missing vault raises ResourceNotFoundException", async () => {
    const err = await glacier
      .send(new DeleteVaultAccessPolicyCommand({ accountId: "-", vaultName: "nunca-criado" }))
      .catch((e) => e);
    expect(err).toBeInstanceOf(ResourceNotFoundException);
    expect(err.name).toBe("ResourceNotFoundException");
    expect(err.$metadata.httpStatusCode).toBe(404);
    expect(err.message).toBe(
      "Vault not found for ARN: arn:aws:glacier:us-east-1:000000000000:vaults/nunca-criado",
    );
  });

  it("keeps vaults and policies across a restart, then deletes them", async () => {
    await glacier.send(
      new SetVaultAccessPolicyCommand({
        accountId: "-",
        vaultName: "arquivo",
        policy: { Policy: policy },
      }),
    );
    await engine.restart();
    glacier = engine.client(GlacierClient);
    const got = await glacier.send(
      new GetVaultAccessPolicyCommand({ accountId: "-", vaultName: "arquivo" }),
    );
    expect(got.policy?.Policy).toBe(policy);
    await glacier.send(new DeleteVaultCommand({ accountId: "-", vaultName: "arquivo" }));
    const err = await glacier
      .send(new DeleteVaultCommand({ accountId: "-", vaultName: "arquivo" }))
      .catch((e) => e);
    expect(err).toBeInstanceOf(ResourceNotFoundException);
  });
});
