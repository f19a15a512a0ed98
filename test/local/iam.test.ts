import {
  AttachRolePolicyCommand,
  CreateRoleCommand,
  DeleteConflictException,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  EntityAlreadyExistsException,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  ListRoleTagsCommand,
  MalformedPolicyDocumentException,
  NoSuchEntityException,
  PutRolePolicyCommand,
  TagRoleCommand,
  UpdateAssumeRolePolicyCommand,
} from "@aws-sdk/client-iam";
import { beforeAll, describe, expect, it } from "vitest";
import { useEngine } from "../support/engine.js";

const trust = JSON.stringify({
  Version: "2012-10-17",
  Statement: [
    { Effect: "Allow", Principal: { Service: "states.amazonaws.com" }, Action: "sts:AssumeRole" },
  ],
});
const inline = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: "dynamodb:UpdateItem", Resource: "*" }],
});

describe("iam on the local engine", () => {
  const engine = useEngine();
  let iam: IAMClient;
  beforeAll(async () => {
    iam = engine.client(IAMClient);
  });

  it("creates and gets a role, refusing a duplicate", async () => {
    const created = await iam.send(
      new CreateRoleCommand({
        RoleName: "contabanco-dev-sfn",
        AssumeRolePolicyDocument: trust,
        Description: "papel do workflow",
        Tags: [{ Key: "app", Value: "contabanco" }],
      }),
    );
    expect(created.Role?.Arn).toBe("arn:aws:iam::000000000000:role/contabanco-dev-sfn");
    expect(created.Role?.RoleId).toMatch(/^AROA[A-Z2-7]{17}$/);
    expect(created.Role?.CreateDate).toBeInstanceOf(Date);
    const got = await iam.send(new GetRoleCommand({ RoleName: "contabanco-dev-sfn" }));
    expect(decodeURIComponent(got.Role?.AssumeRolePolicyDocument ?? "")).toBe(trust);
    expect(got.Role?.Description).toBe("papel do workflow");
    expect(got.Role?.Tags).toEqual([{ Key: "app", Value: "contabanco" }]);
    const dup = await iam
      .send(
        new CreateRoleCommand({ RoleName: "contabanco-dev-sfn", AssumeRolePolicyDocument: trust }),
      )
      .catch((e) => e);
    expect(dup).toBeInstanceOf(EntityAlreadyExistsException);
    expect(dup.$metadata.httpStatusCode).toBe(409);
  });

  it("puts, lists, gets and deletes inline policies", async () => {
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: "contabanco-dev-sfn",
        PolicyName: "acesso",
        PolicyDocument: inline,
      }),
    );
    const names = await iam.send(new ListRolePoliciesCommand({ RoleName: "contabanco-dev-sfn" }));
    expect(names.PolicyNames).toEqual(["acesso"]);
    expect(names.IsTruncated).toBe(false);
    const got = await iam.send(
      new GetRolePolicyCommand({ RoleName: "contabanco-dev-sfn", PolicyName: "acesso" }),
    );
    expect(decodeURIComponent(got.PolicyDocument ?? "")).toBe(inline);
    const conflict = await iam
      .send(new DeleteRoleCommand({ RoleName: "contabanco-dev-sfn" }))
      .catch((e) => e);
    expect(conflict).toBeInstanceOf(DeleteConflictException);
    await iam.send(
      new DeleteRolePolicyCommand({ RoleName: "contabanco-dev-sfn", PolicyName: "acesso" }),
    );
    const missing = await iam
      .send(new GetRolePolicyCommand({ RoleName: "contabanco-dev-sfn", PolicyName: "acesso" }))
      .catch((e) => e);
    expect(missing).toBeInstanceOf(NoSuchEntityException);
  });

  it("updates the trust policy and tags, rejecting malformed documents", async () => {
    const other = trust.replace("states", "lambda");
    await iam.send(
      new UpdateAssumeRolePolicyCommand({ RoleName: "contabanco-dev-sfn", PolicyDocument: other }),
    );
    const got = await iam.send(new GetRoleCommand({ RoleName: "contabanco-dev-sfn" }));
    expect(decodeURIComponent(got.Role?.AssumeRolePolicyDocument ?? "")).toBe(other);
    await iam.send(
      new TagRoleCommand({
        RoleName: "contabanco-dev-sfn",
        Tags: [{ Key: "stage", Value: "dev" }],
      }),
    );
    const tags = await iam.send(new ListRoleTagsCommand({ RoleName: "contabanco-dev-sfn" }));
    expect(tags.Tags?.map((t) => t.Key)).toEqual(["app", "stage"]);
    const bad = await iam
      .send(
        new UpdateAssumeRolePolicyCommand({ RoleName: "contabanco-dev-sfn", PolicyDocument: "{x" }),
      )
      .catch((e) => e);
    expect(bad).toBeInstanceOf(MalformedPolicyDocumentException);
  });

  it("attaches a managed policy to a role; NoSuchEntity for a missing role", async () => {
    const PolicyArn = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";
    await iam.send(new CreateRoleCommand({ RoleName: "anexos", AssumeRolePolicyDocument: trust }));
    const attached = await iam.send(new AttachRolePolicyCommand({ RoleName: "anexos", PolicyArn }));
    expect(attached.$metadata.httpStatusCode).toBe(200);
    // Attaching again is a no-op, as on AWS.
    await iam.send(new AttachRolePolicyCommand({ RoleName: "anexos", PolicyArn }));
    const listed = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: "anexos" }));
    expect(listed.AttachedPolicies).toEqual([
      { PolicyName: "AWSLambdaBasicExecutionRole", PolicyArn },
    ]);
    const missing = await iam
      .send(new AttachRolePolicyCommand({ RoleName: "nao-existe", PolicyArn }))
      .catch((e) => e);
    expect(missing).toBeInstanceOf(NoSuchEntityException);
    expect(missing.name).toBe("NoSuchEntityException");
    expect(missing.$metadata.httpStatusCode).toBe(404);
    expect(missing.message).toBe("The role with name nao-existe cannot be found.");
    await iam.send(new DetachRolePolicyCommand({ RoleName: "anexos", PolicyArn }));
    await iam.send(new DeleteRoleCommand({ RoleName: "anexos" }));
  });

  it("keeps roles across a restart; NoSuchEntity after deletion", async () => {
    await engine.restart();
    iam = engine.client(IAMClient);
    await iam.send(new GetRoleCommand({ RoleName: "contabanco-dev-sfn" }));
    await iam.send(new DeleteRoleCommand({ RoleName: "contabanco-dev-sfn" }));
    const err = await iam
      .send(new GetRoleCommand({ RoleName: "contabanco-dev-sfn" }))
      .catch((e) => e);
    expect(err).toBeInstanceOf(NoSuchEntityException);
    expect(err.message).toBe("The role with name contabanco-dev-sfn cannot be found.");
  });
});
