// Malformed Step Functions requests: random values in every field of every operation get an
// AWS-shaped 4xx answer (never a 5xx), and the service keeps working afterwards.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { statesActions } from "../../src/local/services/states/index.js";
import { useEngine } from "../support/engine.js";
import { FUZZ_TIMEOUT, fuzzRuns, raw, scopeAuth } from "../support/http.js";
import { passMachine, ROLE } from "./states/helpers.js";

const FIELDS = [
  "name",
  "definition",
  "roleArn",
  "type",
  "publish",
  "versionDescription",
  "stateMachineArn",
  "executionArn",
  "input",
  "maxResults",
  "nextToken",
  "statusFilter",
  "reverseOrder",
  "includeExecutionData",
  "error",
  "cause",
  "loggingConfiguration",
  "tracingConfiguration",
  "tags",
  "severity",
];

const MACHINE = "arn:aws:states:us-east-1:000000000000:stateMachine:alvo";
const value = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(MACHINE, `${MACHINE}:1`, "{}", passMachine, ROLE, "RUNNING", "EXPRESS"),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string(), { maxKeys: 3 }),
);

describe("Step Functions under malformed requests", () => {
  const engine = useEngine();

  const call = (op: string, body: string) =>
    raw(engine.url, {
      headers: {
        authorization: scopeAuth("states"),
        "x-amz-target": `AWSStepFunctions.${op}`,
        "content-type": "application/x-amz-json-1.0",
      },
      body,
    });

  it(
    "answers every operation with a 4xx AWS error or a success, never a 5xx",
    async () => {
      await call(
        "CreateStateMachine",
        JSON.stringify({ name: "alvo", definition: passMachine, roleArn: ROLE }),
      );
      const ops = Object.keys(statesActions);
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...ops),
          fc.dictionary(fc.constantFrom(...FIELDS), value, { maxKeys: 6 }),
          async (op, body) => {
            const r = await call(op, JSON.stringify(body));
            expect(r.status, `${op} ${JSON.stringify(body)} → ${r.text}`).toBeLessThan(500);
            if (r.status >= 400) {
              expect(typeof JSON.parse(r.text).__type).toBe("string");
              expect(r.headers.get("x-amzn-errortype")).toBeTruthy();
            }
          },
        ),
        { numRuns: fuzzRuns(400) },
      );
      for (const body of ["{", "[]", "null", '"x"']) {
        const r = await call("StartExecution", body);
        expect(r.status).toBe(400);
        expect(JSON.parse(r.text).__type).toBe("SerializationException");
      }
      // Still serving: a new state machine runs an execution.
      const created = await call(
        "CreateStateMachine",
        JSON.stringify({ name: "depois", definition: passMachine, roleArn: ROLE }),
      );
      expect(created.status).toBe(200);
      const started = await call(
        "StartSyncExecution",
        JSON.stringify({ stateMachineArn: JSON.parse(created.text).stateMachineArn }),
      );
      expect(started.status).toBe(400);
      expect(JSON.parse(started.text).__type).toBe("StateMachineTypeNotSupported");
      const run = await call(
        "StartExecution",
        JSON.stringify({
          stateMachineArn: JSON.parse(created.text).stateMachineArn,
          input: '{"valor":2}',
        }),
      );
      expect(run.status).toBe(200);
    },
    FUZZ_TIMEOUT,
  );
});
