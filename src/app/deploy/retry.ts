// IAM is eventually consistent: a role just created may not be assumable for some seconds, and
// Lambda and Step Functions then refuse it. Those calls are retried with backoff.
// (IAM user guide, "Troubleshoot IAM: changes that I make are not always immediately visible".)
import { errorName } from "./types.js";

/** The errors Lambda and Step Functions give for a role IAM has not propagated yet. */
export function isRoleNotReady(error: unknown): boolean {
  const name = errorName(error);
  const message = (error as Error)?.message ?? "";
  if (name === "InvalidParameterValueException" && /cannot be assumed|role/i.test(message)) {
    return true;
  }
  // Step Functions: "Neither the global service principal states.amazonaws.com, nor the
  // regional one is authorized to assume the provided role."
  return (
    (name === "AccessDeniedException" || name === "InvalidArn") &&
    /assume the provided role|is not authorized to assume/i.test(message)
  );
}

/** Runs `call`, retrying role-propagation errors up to `attempts` times with doubling waits. */
export async function retryRoleNotReady<T>(
  call: () => Promise<T>,
  sleep: (ms: number) => Promise<void>,
  attempts = 8,
  firstDelayMs = 1000,
): Promise<T> {
  let delay = firstDelayMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (attempt >= attempts || !isRoleNotReady(error)) throw error;
      await sleep(delay);
      delay = Math.min(delay * 2, 10_000);
    }
  }
}
