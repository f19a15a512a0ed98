// What a DynamoDB operation answered, shared by the engine thread and the dynalite thread (this
// module loads nothing of dynalite).

/** What an operation answered: a 200 body, or dynalite's error body with its status. */
export type DynaliteResult =
  | { ok: true; body: unknown }
  | { ok: false; status: number; body: { __type: string; message?: string } };

/** DynamoDB's InternalFailure (500) with a message. */
export function internalFailure(message: string): Extract<DynaliteResult, { ok: false }> {
  return {
    ok: false,
    status: 500,
    body: { __type: "com.amazonaws.dynamodb.v20120810#InternalFailure", message },
  };
}
