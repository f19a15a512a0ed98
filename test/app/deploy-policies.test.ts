// The pure parts of deploy: ARNs, least-privilege documents, the --sem-cofre definition, the code
// hash Lambda compares, and the IAM-propagation retry.
import { createHash } from "node:crypto";
import aslValidator from "asl-validator";
import { describe, expect, it } from "vitest";
import { renderDefinition, resourceNames, substitutionsFor } from "../../src/app/definition.js";
import { bucketFailure } from "../../src/app/deploy/bucket.js";
import { codeSha256 } from "../../src/app/deploy/function.js";
import {
  arnsFor,
  lambdaPolicy,
  parsePolicy,
  samePolicy,
  stateMachinePolicy,
  trustPolicy,
  vaultPolicy,
} from "../../src/app/deploy/policies.js";
import { isRoleNotReady, retryRoleNotReady } from "../../src/app/deploy/retry.js";
import { withoutVaultCheck } from "../../src/app/deploy/state-machine.js";
import { canonical } from "../../src/app/deploy/types.js";
import { glacierFailure } from "../../src/app/deploy/vault.js";
import { awsError } from "../support/sdk.js";

const names = resourceNames("dev", "us-east-1");
const arns = arnsFor(names, "123456789012", "aws");

describe("arnsFor", () => {
  it("builds every ARN from the stage's names and the account", () => {
    expect(arns).toEqual({
      bucket: "arn:aws:s3express:us-east-1:123456789012:bucket/contabanco-dev--use1-az4--x-s3",
      table: "arn:aws:dynamodb:us-east-1:123456789012:table/contabanco-dev-contas",
      vault: "arn:aws:glacier:us-east-1:123456789012:vaults/contabanco-dev-arquivo",
      functionArn: "arn:aws:lambda:us-east-1:123456789012:function:contabanco-dev-contaBanco",
      sfnRole: "arn:aws:iam::123456789012:role/contabanco-dev-sfn",
      lambdaRole: "arn:aws:iam::123456789012:role/contabanco-dev-lambda",
      stateMachine: "arn:aws:states:us-east-1:123456789012:stateMachine:contabanco-dev",
      logGroup:
        "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/contabanco-dev-contaBanco",
    });
  });

  it("follows the partition (GovCloud)", () => {
    const gov = arnsFor(resourceNames("dev", "us-gov-west-1"), "123456789012", "aws-us-gov");
    expect(gov.table.startsWith("arn:aws-us-gov:dynamodb:us-gov-west-1:")).toBe(true);
    expect(gov.sfnRole).toBe("arn:aws-us-gov:iam::123456789012:role/contabanco-dev-sfn");
  });
});

describe("policies", () => {
  it("the state machine may only do the four things the workflow does, on its own resources", () => {
    const statements = stateMachinePolicy(arns, true).Statement;
    expect(statements.map((s) => [s.Effect, s.Action, s.Resource])).toEqual([
      ["Allow", "s3express:CreateSession", arns.bucket],
      ["Allow", "lambda:InvokeFunction", [arns.functionArn, `${arns.functionArn}:*`]],
      ["Allow", "dynamodb:UpdateItem", arns.table],
      ["Allow", "glacier:GetVaultAccessPolicy", arns.vault],
    ]);
    for (const s of statements) {
      expect([s.Resource].flat()).not.toContain("*");
      expect(String(s.Action)).not.toContain("*");
    }
  });

  it("without the vault there is no Glacier permission at all", () => {
    const text = JSON.stringify(stateMachinePolicy(arns, false));
    expect(text).not.toContain("glacier");
    expect(stateMachinePolicy(arns, false).Statement).toHaveLength(3);
  });

  it("the Lambda may only write its own log group", () => {
    const statements = lambdaPolicy(arns).Statement;
    const actions = statements.flatMap((s) => [s.Action].flat());
    expect(actions.sort()).toEqual([
      "logs:CreateLogGroup",
      "logs:CreateLogStream",
      "logs:PutLogEvents",
    ]);
    for (const s of statements) {
      expect(String(s.Resource).startsWith(`${arns.logGroup}:`)).toBe(true);
    }
  });

  it("each role trusts exactly one service", () => {
    expect(trustPolicy("states.amazonaws.com").Statement).toEqual([
      { Effect: "Allow", Principal: { Service: "states.amazonaws.com" }, Action: "sts:AssumeRole" },
    ]);
  });

  it("the vault policy denies DeleteArchive to everyone on this vault", () => {
    expect(vaultPolicy(arns).Statement).toEqual([
      expect.objectContaining({
        Effect: "Deny",
        Principal: "*",
        Action: "glacier:DeleteArchive",
        Resource: arns.vault,
      }),
    ]);
  });

  it("parsePolicy reads IAM's URL-encoded documents and plain JSON alike", () => {
    const doc = lambdaPolicy(arns);
    expect(parsePolicy(encodeURIComponent(JSON.stringify(doc)))).toEqual(doc);
    expect(parsePolicy(JSON.stringify(doc))).toEqual(doc);
    expect(parsePolicy(undefined)).toBeUndefined();
  });

  it("canonical ignores key order", () => {
    expect(canonical({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: 0 } })).toBe(
      canonical({ a: { c: 0, d: [1, { x: 1, y: 2 }] }, b: 1 }),
    );
  });
});

describe("withoutVaultCheck", () => {
  const full = renderDefinition(substitutionsFor(names, arns.functionArn));
  const trimmed = JSON.parse(withoutVaultCheck(full));

  it("keeps only the DynamoDB branch and drops what only the vault check could reach", () => {
    expect(trimmed.States.Paralelo.Branches.map((b: { StartAt: string }) => b.StartAt)).toEqual([
      "DynamoDB UpdateItem",
    ]);
    expect(trimmed.States.PoliticaDoCofreAusente).toBeUndefined();
    expect(JSON.stringify(trimmed)).not.toContain("Glacier");
    expect(JSON.stringify(trimmed)).not.toContain(names.vault);
    expect(Object.keys(trimmed.States).sort()).toEqual(
      Object.keys(JSON.parse(full).States)
        .filter((s) => s !== "PoliticaDoCofreAusente")
        .sort(),
    );
  });

  it("is still a valid state machine", () => {
    const result = aslValidator(trimmed, { checkArn: false, checkPaths: false });
    expect(result.errors, result.errorsText()).toEqual([]);
    expect(result.isValid).toBe(true);
  });
});

describe("codeSha256", () => {
  it("is the base64 SHA-256 of the zip, as Lambda reports CodeSha256", () => {
    const zip = Buffer.from("PK\u0003\u0004 zip bytes");
    expect(codeSha256(zip)).toBe(createHash("sha256").update(zip).digest("base64"));
    expect(codeSha256(zip)).toMatch(/^[A-Za-z0-9+/]{43}=$/);
  });
});

describe("retryRoleNotReady", () => {
  const lambdaNotReady = Object.assign(
    new Error("The role defined for the function cannot be assumed by Lambda."),
    { name: "InvalidParameterValueException" },
  );
  const sfnNotReady = Object.assign(
    new Error(
      "Neither the global service principal states.amazonaws.com, nor the regional one is authorized to assume the provided role.",
    ),
    { name: "AccessDeniedException" },
  );

  it("recognizes Lambda's and Step Functions' propagation errors, and only those", () => {
    expect(isRoleNotReady(lambdaNotReady)).toBe(true);
    expect(isRoleNotReady(sfnNotReady)).toBe(true);
    expect(isRoleNotReady(Object.assign(new Error("no"), { name: "AccessDeniedException" }))).toBe(
      false,
    );
    expect(isRoleNotReady(new Error("boom"))).toBe(false);
  });

  it("retries with doubling waits until the role is ready", async () => {
    const waits: number[] = [];
    let calls = 0;
    const value = await retryRoleNotReady(
      async () => {
        calls++;
        if (calls < 4) throw calls % 2 ? lambdaNotReady : sfnNotReady;
        return "ok";
      },
      async (ms) => {
        waits.push(ms);
      },
    );
    expect(value).toBe("ok");
    expect(waits).toEqual([1000, 2000, 4000]);
  });

  it("gives up after the attempts and rethrows other errors at once", async () => {
    let calls = 0;
    const noWait = async () => {};
    await expect(
      retryRoleNotReady(
        async () => {
          calls++;
          throw lambdaNotReady;
        },
        noWait,
        3,
      ),
    ).rejects.toBe(lambdaNotReady);
    expect(calls).toBe(3);
    const other = new Error("other");
    await expect(retryRoleNotReady(async () => Promise.reject(other), noWait)).rejects.toBe(other);
  });
});

describe("samePolicy", () => {
  it("treats one value and a one-element list, list order and Principal * as the same", () => {
    const ours = vaultPolicy(arns);
    const returned = {
      Statement: [
        {
          Resource: [arns.vault],
          Action: ["glacier:DeleteArchive"],
          Principal: { AWS: "*" },
          Effect: "Deny",
          Sid: "RetencaoNegaExclusao",
        },
      ],
      Version: "2012-10-17",
    };
    expect(samePolicy(ours, returned)).toBe(true);
    const lambdaOurs = lambdaPolicy(arns);
    const reordered = structuredClone(lambdaOurs);
    reordered.Statement[1].Action = ["logs:PutLogEvents", "logs:CreateLogStream"];
    expect(samePolicy(lambdaOurs, reordered)).toBe(true);
  });

  it("sees a different action, resource or effect", () => {
    const ours = stateMachinePolicy(arns, true);
    const wider = structuredClone(ours);
    wider.Statement[2].Action = "dynamodb:*";
    expect(samePolicy(ours, wider)).toBe(false);
    const other = structuredClone(ours);
    other.Statement[0].Resource = "*";
    expect(samePolicy(ours, other)).toBe(false);
    const allow = structuredClone(vaultPolicy(arns));
    allow.Statement[0].Effect = "Allow";
    expect(samePolicy(vaultPolicy(arns), allow)).toBe(false);
  });
});

describe("glacierFailure", () => {
  const ctxFor = (target: "aws" | "local") =>
    ({ config: { target } }) as unknown as Parameters<typeof glacierFailure>[1];
  const denied = awsError(
    "AccessDeniedException",
    "User is not authorized to perform glacier:CreateVault",
    403,
  );

  it("on AWS, explains that Glacier is closed to new customers and offers --sem-cofre", () => {
    const error = glacierFailure(denied, ctxFor("aws"), "contabanco-dev-arquivo");
    expect(error.tipo).toBe("cofre");
    expect(error.message).toContain("AccessDeniedException (HTTP 403)");
    expect(error.message).toContain("15/12/2025");
    expect(error.message).toContain("contabanco deploy --sem-cofre");
  });

  it("missing credentials stay a credentials problem", () => {
    const error = glacierFailure(
      Object.assign(new Error("Could not load credentials from any providers"), {
        name: "CredentialsProviderError",
      }),
      ctxFor("aws"),
      "contabanco-dev-arquivo",
    );
    expect(error.message).toContain("aws configure");
    expect(error.message).not.toContain("--sem-cofre");
  });

  it("on the local engine it is just AWS's reason", () => {
    const error = glacierFailure(
      Object.assign(new Error("boom"), { name: "ServiceUnavailableException" }),
      ctxFor("local"),
      "x",
    );
    expect(error.message).toBe("recusado com ServiceUnavailableException: boom");
  });
});

describe("bucketFailure", () => {
  const ctxFor = (target: "aws" | "local", region: string) =>
    ({ config: { target }, names: resourceNames("dev", region) }) as unknown as Parameters<
      typeof bucketFailure
    >[1];

  it("explains a zone without S3 Express One Zone (explicit error)", () => {
    const error = bucketFailure(
      Object.assign(new Error("The specified location-constraint is not valid"), {
        name: "InvalidLocationConstraint",
      }),
      ctxFor("aws", "sa-east-1"),
      "b",
    );
    expect(error.tipo).toBe("bucket");
    expect(error.message).toContain("sa-east-1 (zona sae1-az1)");
    expect(error.message).toContain("S3 Express One Zone");
    expect(error.message).toContain("--region");
  });

  it("on AWS, a zonal endpoint that does not resolve means the same", () => {
    const dns = Object.assign(new Error("getaddrinfo ENOTFOUND b.s3express-sae1-az1.sa-east-1"), {
      code: "ENOTFOUND",
    });
    expect(bucketFailure(dns, ctxFor("aws", "sa-east-1"), "b").message).toContain(
      "S3 Express One Zone",
    );
    expect(bucketFailure(dns, ctxFor("local", "sa-east-1"), "b").message).toContain(
      "contabanco local start",
    );
  });
});
