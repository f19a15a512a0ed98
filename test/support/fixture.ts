// One resource for the tests of a `describe` (or a file): started in beforeAll, stopped in
// afterAll, and used through the returned object once started.
import { afterAll, beforeAll } from "vitest";

export function useFixture<T extends { stop(): Promise<void> }>(
  start: () => Promise<T>,
  timeoutMs = 120_000,
): T {
  let value: T | undefined;
  beforeAll(async () => {
    value = await start();
  }, timeoutMs);
  afterAll(async () => {
    await value?.stop();
  });
  return new Proxy({} as T, {
    get(_, key) {
      if (!value) throw new Error("not started yet (use it inside a test or a hook)");
      return Reflect.get(value, key);
    },
  });
}
