// Test helpers for the local Lambda: tiny deployment packages built in memory.
import { CreateFunctionCommand, type LambdaClient } from "@aws-sdk/client-lambda";
import { strToU8, zipSync } from "fflate";
import { tempHome as tempDirectory } from "../../support/engine.js";

/** A zip with the given files (name → source), as bytes. */
export function zipOf(files: Record<string, string>): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(files).map(([n, src]) => [n, strToU8(src)])));
}

/** The same zip, base64 (CreateFunction's Code.ZipFile over JSON). */
export function zipBase64(files: Record<string, string>): string {
  return Buffer.from(zipOf(files)).toString("base64");
}

/** A fresh temporary directory (left in place: the runtime tests read it after the fact). */
export function tempHome(prefix = "contabanco-lambda-"): string {
  return tempDirectory(prefix).home;
}

export const ROLE = "arn:aws:iam::000000000000:role/contabanco-lambda";

/** Polls until `check` returns a value (not a timed assertion: the deadline only bounds a hang). */
export async function eventually<T>(check: () => T | undefined, limitMs = 10_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() - start > limitMs) throw new Error("condition not reached");
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Creates a Node.js 20 function `name` whose index.js is `source` (handler index.handler). */
export async function createNodeFunction(
  lambda: LambdaClient,
  name: string,
  source: string,
  variables: Record<string, string> = {},
): Promise<void> {
  await lambda.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Runtime: "nodejs20.x",
      Role: ROLE,
      Handler: "index.handler",
      Code: { ZipFile: zipOf({ "index.js": source }) },
      Environment: { Variables: variables },
    }),
  );
}
