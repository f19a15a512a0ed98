import aslValidator from "asl-validator";
import jsonata from "jsonata";
import { describe, expect, it } from "vitest";
import {
  DefinitionError,
  directoryBucketZoneId,
  lambdaFunctionArn,
  readDefinitionTemplate,
  renderDefinition,
  resourceNames,
  substitutionsFor,
} from "../../src/app/definition.js";

// biome-ignore lint/suspicious/noExplicitAny: the definition is free-form JSON
type Json = any;

const names = resourceNames("dev", "us-east-1");
const functionArn = lambdaFunctionArn("us-east-1", "000000000000", names.functionName);
const rendered = renderDefinition(substitutionsFor(names, functionArn));
const definition: Json = JSON.parse(rendered);
const states = definition.States;
const branchState = (name: string): Json => {
  for (const branch of states.Paralelo.Branches)
    if (branch.States[name]) return branch.States[name];
  throw new Error(`state ${name} not found`);
};

/** Evaluates a `{% … %}` field the way Step Functions does, with `$states` bound. */
async function evaluate(field: string, bindings: Record<string, unknown>): Promise<Json> {
  const match = /^\{%(.*)%\}$/s.exec(field);
  if (!match) throw new Error(`not a JSONata field: ${field}`);
  return jsonata(match[1]).evaluate({}, { ...bindings, parse: (s: string) => JSON.parse(s) });
}

describe("resourceNames", () => {
  it("names every resource after the stage", () => {
    expect(names).toMatchObject({
      table: "contabanco-dev-contas",
      documentoIndex: "documento-index",
      functionName: "contabanco-dev-contaBanco",
      bucket: "contabanco-dev--use1-az4--x-s3",
      vault: "contabanco-dev-arquivo",
      stateMachine: "contabanco-dev",
      sfnRole: "contabanco-dev-sfn",
      lambdaRole: "contabanco-dev-lambda",
    });
  });

  it("takes the directory bucket's zone from the region", () => {
    expect(resourceNames("prod", "us-west-2").bucket).toBe("contabanco-prod--usw2-az1--x-s3");
    expect(directoryBucketZoneId("eu-west-1")).toBe("euw1-az1");
    expect(directoryBucketZoneId("sa-east-1")).toBe("sae1-az1");
    expect(directoryBucketZoneId("ap-southeast-2")).toBe("apse2-az1");
  });

  it("refuses a stage that cannot go into a bucket name", () => {
    for (const stage of ["", "Dev", "a_b", "x".repeat(17), "dev."]) {
      expect(() => resourceNames(stage)).toThrow(DefinitionError);
    }
    expect(resourceNames("x".repeat(16)).stage).toHaveLength(16);
  });

  it("builds partition-aware function ARNs", () => {
    expect(lambdaFunctionArn("cn-north-1", "123", "f")).toBe(
      "arn:aws-cn:lambda:cn-north-1:123:function:f",
    );
  });
});

describe("the definition template", () => {
  const template = readDefinitionTemplate();

  it("holds placeholders and no account id", () => {
    for (const name of ["BucketName", "FunctionArn", "TableName", "VaultName"]) {
      expect(template).toContain(`\${${name}}`);
    }
    expect(template).not.toMatch(/\d{12}/);
  });

  it("refuses a missing substitution and an unknown marker", () => {
    const subs = substitutionsFor(names, functionArn);
    expect(() => renderDefinition({ ...subs, VaultName: "" })).toThrow(/VaultName/);
    expect(() => renderDefinition(subs, `${template.slice(0, -2)}, "X": "\${Outro}"}`)).toThrow(
      /\$\{Outro\}/,
    );
  });
});

describe("the rendered definition", () => {
  it("passes asl-validator", () => {
    const result = aslValidator(structuredClone(definition));
    expect(result.errorsText("\n")).toBe("");
    expect(result.isValid).toBe(true);
  });

  it("has no placeholder left and the deployment's names in place", () => {
    expect(rendered).not.toMatch(/\$\{/);
    expect(states.CreateSession.Arguments.Bucket).toBe("contabanco-dev--use1-az4--x-s3");
    expect(states["Lambda Invoke"].Arguments.FunctionName).toBe(`${functionArn}:$LATEST`);
    expect(branchState("DynamoDB UpdateItem").Arguments.TableName).toBe("contabanco-dev-contas");
    expect(branchState("GetVaultAccessPolicy").Arguments.VaultName).toBe("contabanco-dev-arquivo");
    expect(rendered.match(/\d{12}/g)).toEqual(["000000000000"]);
  });

  it("keeps the seed's states, resources and flow", () => {
    expect(definition.QueryLanguage).toBe("JSONata");
    expect(definition.StartAt).toBe("CreateSession");
    expect(states.CreateSession).toMatchObject({
      Type: "Task",
      Resource: "arn:aws:states:::aws-sdk:s3:createSession",
      Next: "Lambda Invoke",
    });
    expect(states["Lambda Invoke"]).toMatchObject({
      Type: "Task",
      Resource: "arn:aws:states:::lambda:invoke",
      Output: "{% $states.result.Payload %}",
      Next: "Paralelo",
    });
    expect(states.Paralelo.Type).toBe("Parallel");
    expect(states.Paralelo.End).toBe(true);
    expect(states.Paralelo.Branches.map((b: Json) => b.StartAt)).toEqual([
      "DynamoDB UpdateItem",
      "GetVaultAccessPolicy",
    ]);
    expect(branchState("DynamoDB UpdateItem").Resource).toBe(
      "arn:aws:states:::dynamodb:updateItem",
    );
    expect(branchState("GetVaultAccessPolicy").Resource).toBe(
      "arn:aws:states:::aws-sdk:glacier:getVaultAccessPolicy",
    );
  });

  it("keeps the seed's retry policy on the Lambda", () => {
    expect(states["Lambda Invoke"].Retry).toEqual([
      {
        ErrorEquals: [
          "Lambda.ServiceException",
          "Lambda.AWSLambdaException",
          "Lambda.SdkClientException",
          "Lambda.TooManyRequestsException",
        ],
        IntervalSeconds: 1,
        MaxAttempts: 3,
        BackoffRate: 2,
        JitterStrategy: "FULL",
      },
    ]);
  });

  it("no longer passes CreateSession's credentials on", () => {
    expect(states.CreateSession.Output).toBe("{% $states.input %}");
  });

  it("asks the vault policy of the caller's account", () => {
    expect(branchState("GetVaultAccessPolicy").Arguments.AccountId).toBe("-");
  });

  it("passes the execution ARN and start time to the Lambda", async () => {
    const payload = await evaluate(states["Lambda Invoke"].Arguments.Payload, {
      states: {
        input: { titular: "Ana" },
        context: { Execution: { Id: "arn:exec", StartTime: "2026-01-02T03:04:05.678Z" } },
      },
    });
    expect(payload).toEqual({
      titular: "Ana",
      execucao: "arn:exec",
      criadoEm: "2026-01-02T03:04:05.678Z",
    });
  });

  it("writes every attribute of the Lambda's record, conditionally, with no constant item", async () => {
    const update = branchState("DynamoDB UpdateItem").Arguments;
    // A record may be rewritten only by the execution that wrote it (a task cut off before its
    // result was recorded runs again on resume): never another execution's account.
    expect(update.ConditionExpression).toBe("attribute_not_exists(id) OR #execucao = :execucao");
    expect(JSON.stringify(update)).not.toContain("MyEntry");
    const record = {
      id: "341-2545-02366-1",
      titular: "Ana Souza",
      documento: "52998224725",
      banco: "341",
      conta: "02366",
      agencia: "2545",
      digitos: 7,
      ativa: true,
      apelido: null,
    };
    const bindings = {
      states: { input: record, context: { Execution: { Id: "arn:exec" } } },
    };
    expect(await evaluate(update.Key.id.S, bindings)).toBe(record.id);
    const expression: string = await evaluate(update.UpdateExpression, bindings);
    const namesMap: Record<string, string> = await evaluate(
      update.ExpressionAttributeNames,
      bindings,
    );
    const values: Record<string, Json> = await evaluate(update.ExpressionAttributeValues, bindings);
    expect(expression.startsWith("SET ")).toBe(true);
    const written: Record<string, Json> = {};
    for (const assignment of expression.slice(4).split(", ")) {
      const [name, value] = assignment.split(" = ");
      written[namesMap[name]] = values[value];
    }
    expect(namesMap["#execucao"]).toBe("execucao");
    expect(values[":execucao"]).toEqual({ S: "arn:exec" });
    expect(written).toEqual({
      titular: { S: "Ana Souza" },
      documento: { S: "52998224725" },
      banco: { S: "341" },
      conta: { S: "02366" },
      agencia: { S: "2545" },
      digitos: { N: "7" },
      ativa: { BOOL: true },
    });
  });

  it("ends in the whole record: the Parallel's array output is reshaped", () => {
    expect(states.Paralelo.Output).toBe("{% $states.input %}");
  });

  it("catches the known failures into pt-BR Fail states", async () => {
    const catches = (state: string) =>
      Object.fromEntries(
        states[state].Catch.map((c: Json) => [c.ErrorEquals.join("|"), c.Next] as const),
      );
    expect(catches("Lambda Invoke")).toEqual({
      ContaInvalida: "ContaInvalida",
      "States.ALL": "FalhaInesperada",
    });
    expect(catches("Paralelo")).toEqual({
      "DynamoDB.ConditionalCheckFailedException": "ContaJaCadastrada",
      "Glacier.ResourceNotFoundException": "PoliticaDoCofreAusente",
      "States.ALL": "FalhaInesperada",
    });
    for (const name of ["ContaInvalida", "ContaJaCadastrada", "PoliticaDoCofreAusente"]) {
      expect(states[name]).toMatchObject({ Type: "Fail", Error: name });
    }
    const lambdaCause = JSON.stringify({
      errorType: "ContaInvalida",
      errorMessage: "Conta inválida: documento: CPF inválido",
    });
    expect(
      await evaluate(states.ContaInvalida.Cause, {
        states: { input: { Error: "ContaInvalida", Cause: lambdaCause } },
      }),
    ).toBe("Conta inválida: documento: CPF inválido");
    expect(
      await evaluate(states.ContaJaCadastrada.Cause, {
        states: { input: { id: "341-2545-02366-1" } },
      }),
    ).toContain("341-2545-02366-1");
    expect(
      await evaluate(states.FalhaInesperada.Cause, {
        states: { input: { etapa: "CreateSession", Error: "S3.NoSuchBucket", Cause: "x" } },
      }),
    ).toBe("Falha inesperada na etapa CreateSession: S3.NoSuchBucket — x");
  });
});
