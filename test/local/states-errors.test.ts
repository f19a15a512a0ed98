// Step Functions error cases through the SDK v3 client, with the exception classes AWS's model
// names, and asynchronous Express executions (StartExecution on an EXPRESS state machine).
import { DynamoDBClient, GetItemCommand } from "@aws-sdk/client-dynamodb";
import {
  CreateStateMachineCommand,
  DeleteStateMachineCommand,
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  ExecutionDoesNotExist,
  GetExecutionHistoryCommand,
  InvalidArn,
  InvalidToken,
  ListStateMachinesCommand,
  SFNClient,
  StartExecutionCommand,
  StateMachineDoesNotExist,
  StopExecutionCommand,
  ValidateStateMachineDefinitionCommand,
  ValidationException,
} from "@aws-sdk/client-sfn";
import { beforeAll, describe, expect, it } from "vitest";
import { createIdTable } from "../support/dynamodb.js";
import { useEngine } from "../support/engine.js";
import { LOCAL_SFN, passMachine, ROLE } from "./states/helpers.js";

const MISSING_EXECUTION = "arn:aws:states:us-east-1:000000000000:execution:erros:nenhuma";

describe("Step Functions errors on the local engine", () => {
  const engine = useEngine();
  let sfn: SFNClient;
  beforeAll(async () => {
    sfn = engine.client(SFNClient, LOCAL_SFN);
    await sfn.send(
      new CreateStateMachineCommand({ name: "erros", definition: passMachine, roleArn: ROLE }),
    );
  });

  it("DeleteStateMachine refuses an ARN that is not a state machine's with InvalidArn", async () => {
    const err = await sfn
      .send(new DeleteStateMachineCommand({ stateMachineArn: MISSING_EXECUTION }))
      .catch((e) => e);
    expect(err).toBeInstanceOf(InvalidArn);
    expect(err.name).toBe("InvalidArn");
    expect(err.message).toBe("Invalid Arn: 'Resource type not valid in this context: execution'");
    expect(err.$metadata.httpStatusCode).toBe(400);
    // A state machine that does not exist is deleted all the same (the call is idempotent).
    const missing = "arn:aws:states:us-east-1:000000000000:stateMachine:nunca-houve";
    await sfn.send(new DeleteStateMachineCommand({ stateMachineArn: missing }));
    await expect(
      sfn.send(new DescribeStateMachineCommand({ stateMachineArn: missing })),
    ).rejects.toBeInstanceOf(StateMachineDoesNotExist);
  });

  it("ListStateMachines refuses a nextToken it did not issue with InvalidToken", async () => {
    const err = await sfn
      .send(new ListStateMachinesCommand({ nextToken: "nao-e-um-token" }))
      .catch((e) => e);
    expect(err).toBeInstanceOf(InvalidToken);
    expect(err.name).toBe("InvalidToken");
    expect(err.$metadata.httpStatusCode).toBe(400);
  });

  it("ValidateStateMachineDefinition without a definition is a ValidationException", async () => {
    const err = await sfn
      .send(new ValidateStateMachineDefinitionCommand({} as { definition: string }))
      .catch((e) => e);
    expect(err).toBeInstanceOf(ValidationException);
    expect(err.name).toBe("ValidationException");
    expect(err.message).toBe(
      "1 validation error detected: Value null at 'definition' failed to satisfy constraint: Member must not be null",
    );
  });

  it("GetExecutionHistory and StopExecution of a missing execution: ExecutionDoesNotExist", async () => {
    const history = await sfn
      .send(new GetExecutionHistoryCommand({ executionArn: MISSING_EXECUTION }))
      .catch((e) => e);
    expect(history).toBeInstanceOf(ExecutionDoesNotExist);
    expect(history.name).toBe("ExecutionDoesNotExist");
    const stop = await sfn
      .send(new StopExecutionCommand({ executionArn: MISSING_EXECUTION }))
      .catch((e) => e);
    expect(stop).toBeInstanceOf(ExecutionDoesNotExist);
    expect(stop.message).toBe(`Execution Does Not Exist: '${MISSING_EXECUTION}'`);
  });

  it("starts an EXPRESS execution asynchronously; AWS keeps no record to describe", async () => {
    const db = engine.client(DynamoDBClient);
    await createIdTable(db, "expressas");
    const definition = JSON.stringify({
      QueryLanguage: "JSONata",
      StartAt: "Grava",
      States: {
        Grava: {
          Type: "Task",
          Resource: "arn:aws:states:::dynamodb:putItem",
          Arguments: { TableName: "expressas", Item: { id: { S: "{% $states.input.id %}" } } },
          End: true,
        },
      },
    });
    const { stateMachineArn } = await sfn.send(
      new CreateStateMachineCommand({ name: "grava", definition, roleArn: ROLE, type: "EXPRESS" }),
    );
    const started = await sfn.send(
      new StartExecutionCommand({ stateMachineArn, name: "primeira", input: '{"id":"e1"}' }),
    );
    expect(started.executionArn).toMatch(
      /^arn:aws:states:us-east-1:000000000000:express:grava:primeira:[0-9a-f-]{36}$/,
    );
    expect(started.startDate).toBeInstanceOf(Date);
    // Express names may repeat: each start is an execution of its own.
    const again = await sfn.send(
      new StartExecutionCommand({ stateMachineArn, name: "primeira", input: '{"id":"e2"}' }),
    );
    expect(again.executionArn).not.toBe(started.executionArn);
    // It ran: its side effect is there (polled, not timed).
    for (const id of ["e1", "e2"]) {
      for (;;) {
        const got = await db.send(
          new GetItemCommand({ TableName: "expressas", Key: { id: { S: id } } }),
        );
        if (got.Item) break;
        await new Promise((r) => setTimeout(r, 10));
      }
    }
    // DescribeExecution, GetExecutionHistory and StopExecution refuse Express ARNs.
    for (const command of [
      new DescribeExecutionCommand({ executionArn: started.executionArn }),
      new GetExecutionHistoryCommand({ executionArn: started.executionArn }),
      new StopExecutionCommand({ executionArn: started.executionArn }),
    ]) {
      const err = await sfn.send(command as DescribeExecutionCommand).catch((e) => e);
      expect(err).toBeInstanceOf(InvalidArn);
      expect(err.message).toBe("Invalid Arn: 'Resource type not valid in this context: express'");
    }
  });
});
