// The Step Functions API of the local engine through the SDK v3 client: state machines.
import {
  CreateStateMachineCommand,
  DeleteStateMachineCommand,
  DescribeStateMachineCommand,
  InvalidArn,
  InvalidDefinition,
  InvalidName,
  ListStateMachinesCommand,
  ListStateMachineVersionsCommand,
  MissingRequiredParameter,
  SFNClient,
  StateMachineAlreadyExists,
  StateMachineDoesNotExist,
  UpdateStateMachineCommand,
  ValidateStateMachineDefinitionCommand,
} from "@aws-sdk/client-sfn";
import { beforeAll, describe, expect, it } from "vitest";
import { useEngine } from "../support/engine.js";
import { LOCAL_SFN, passMachine, ROLE, waitMachine } from "./states/helpers.js";

describe("Step Functions state machines on the local engine", () => {
  const engine = useEngine();
  let sfn: SFNClient;
  beforeAll(async () => {
    sfn = engine.client(SFNClient, LOCAL_SFN);
  });

  it("creates, describes, lists and deletes a state machine", async () => {
    const created = await sfn.send(
      new CreateStateMachineCommand({ name: "dobro", definition: passMachine, roleArn: ROLE }),
    );
    expect(created.stateMachineArn).toBe(
      "arn:aws:states:us-east-1:000000000000:stateMachine:dobro",
    );
    expect(created.creationDate).toBeInstanceOf(Date);
    expect(created.stateMachineVersionArn).toBeUndefined();
    const d = await sfn.send(
      new DescribeStateMachineCommand({ stateMachineArn: created.stateMachineArn }),
    );
    expect(d).toMatchObject({
      name: "dobro",
      status: "ACTIVE",
      type: "STANDARD",
      definition: passMachine,
      roleArn: ROLE,
      loggingConfiguration: { level: "OFF", includeExecutionData: false },
      tracingConfiguration: { enabled: false },
    });
    expect(d.creationDate?.getTime()).toBe(created.creationDate?.getTime());
    await sfn.send(
      new CreateStateMachineCommand({
        name: "atraso",
        definition: waitMachine,
        roleArn: ROLE,
        type: "EXPRESS",
      }),
    );
    const all = await sfn.send(new ListStateMachinesCommand({}));
    expect(all.stateMachines?.map((m) => [m.name, m.type])).toEqual([
      ["atraso", "EXPRESS"],
      ["dobro", "STANDARD"],
    ]);
    const p1 = await sfn.send(new ListStateMachinesCommand({ maxResults: 1 }));
    expect(p1.stateMachines?.map((m) => m.name)).toEqual(["atraso"]);
    const p2 = await sfn.send(
      new ListStateMachinesCommand({ maxResults: 1, nextToken: p1.nextToken }),
    );
    expect(p2.stateMachines?.map((m) => m.name)).toEqual(["dobro"]);
    expect(p2.nextToken).toBeUndefined();
    await sfn.send(new DeleteStateMachineCommand({ stateMachineArn: created.stateMachineArn }));
    await expect(
      sfn.send(new DescribeStateMachineCommand({ stateMachineArn: created.stateMachineArn })),
    ).rejects.toBeInstanceOf(StateMachineDoesNotExist);
  });

  it("is idempotent for the same definition and refuses a different one", async () => {
    const input = { name: "idem", definition: passMachine, roleArn: ROLE };
    const a = await sfn.send(new CreateStateMachineCommand(input));
    // A different role alone is ignored (API_CreateStateMachine: roleArn and tags not compared).
    const b = await sfn.send(new CreateStateMachineCommand({ ...input, roleArn: `${ROLE}-outro` }));
    expect(b.stateMachineArn).toBe(a.stateMachineArn);
    expect(b.creationDate?.getTime()).toBe(a.creationDate?.getTime());
    const err = await sfn
      .send(new CreateStateMachineCommand({ ...input, definition: waitMachine }))
      .catch((e) => e);
    expect(err).toBeInstanceOf(StateMachineAlreadyExists);
    expect(err.message).toBe(`State Machine Already Exists: '${a.stateMachineArn}'`);
  });

  it("rejects invalid definitions, names and ARNs with AWS's errors", async () => {
    const bad = JSON.stringify({ StartAt: "X", States: { X: { Type: "Pass", Next: "Y" } } });
    const err = await sfn
      .send(new CreateStateMachineCommand({ name: "ruim", definition: bad, roleArn: ROLE }))
      .catch((e) => e);
    expect(err).toBeInstanceOf(InvalidDefinition);
    expect(err.message).toMatch(/^Invalid State Machine Definition: '.*'$/);
    await expect(
      sfn.send(new CreateStateMachineCommand({ name: "ruim", definition: "{nope", roleArn: ROLE })),
    ).rejects.toBeInstanceOf(InvalidDefinition);
    await expect(
      sfn.send(
        new CreateStateMachineCommand({
          name: "tem espaço",
          definition: passMachine,
          roleArn: ROLE,
        }),
      ),
    ).rejects.toBeInstanceOf(InvalidName);
    await expect(
      sfn.send(new DescribeStateMachineCommand({ stateMachineArn: "arn:aws:s3:::x" })),
    ).rejects.toBeInstanceOf(InvalidArn);
    await expect(
      sfn.send(
        new DescribeStateMachineCommand({
          stateMachineArn: "arn:aws:states:us-east-1:000000000000:stateMachine:nenhuma",
        }),
      ),
    ).rejects.toBeInstanceOf(StateMachineDoesNotExist);
  });

  it("updates, publishes and lists versions (newest first)", async () => {
    const created = await sfn.send(
      new CreateStateMachineCommand({
        name: "versionada",
        definition: passMachine,
        roleArn: ROLE,
        publish: true,
        versionDescription: "primeira",
      }),
    );
    const arn = created.stateMachineArn as string;
    expect(created.stateMachineVersionArn).toBe(`${arn}:1`);
    await expect(
      sfn.send(new UpdateStateMachineCommand({ stateMachineArn: arn })),
    ).rejects.toBeInstanceOf(MissingRequiredParameter);
    const updated = await sfn.send(
      new UpdateStateMachineCommand({
        stateMachineArn: arn,
        definition: waitMachine,
        publish: true,
        versionDescription: "segunda",
      }),
    );
    expect(updated.updateDate).toBeInstanceOf(Date);
    expect(updated.stateMachineVersionArn).toBe(`${arn}:2`);
    const versions = await sfn.send(new ListStateMachineVersionsCommand({ stateMachineArn: arn }));
    expect(versions.stateMachineVersions?.map((v) => v.stateMachineVersionArn)).toEqual([
      `${arn}:2`,
      `${arn}:1`,
    ]);
    const v1 = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: `${arn}:1` }));
    expect(v1.definition).toBe(passMachine);
    expect(v1.description).toBe("primeira");
    const latest = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: arn }));
    expect(latest.definition).toBe(waitMachine);
    await sfn.send(new DeleteStateMachineCommand({ stateMachineArn: `${arn}:1` }));
    const after = await sfn.send(new ListStateMachineVersionsCommand({ stateMachineArn: arn }));
    expect(after.stateMachineVersions?.map((v) => v.stateMachineVersionArn)).toEqual([`${arn}:2`]);
  });

  it("validates definitions with diagnostics", async () => {
    const ok = await sfn.send(
      new ValidateStateMachineDefinitionCommand({ definition: passMachine }),
    );
    expect(ok).toMatchObject({ result: "OK", diagnostics: [], truncated: false });
    const fail = await sfn.send(
      new ValidateStateMachineDefinitionCommand({
        definition: JSON.stringify({ StartAt: "Nada", States: {} }),
      }),
    );
    expect(fail.result).toBe("FAIL");
    expect(fail.diagnostics?.length).toBeGreaterThan(0);
    expect(fail.diagnostics?.[0]).toMatchObject({ severity: "ERROR" });
    expect(typeof fail.diagnostics?.[0].code).toBe("string");
  });

  it("keeps state machines across restarts", async () => {
    await engine.restart();
    sfn = engine.client(SFNClient, LOCAL_SFN);
    const all = await sfn.send(new ListStateMachinesCommand({}));
    expect(all.stateMachines?.map((m) => m.name)).toEqual(["atraso", "idem", "versionada"]);
  });
});
