// The one error type actions throw; each protocol layer renders it in its service's wire format.

export class AwsError extends Error {
  constructor(
    public code: string,
    message: string,
    public status = 400,
    /** Extra fields (JSON protocols) or elements (XML protocols) of the error body. */
    public extra?: Record<string, unknown>,
  ) {
    super(message);
    this.name = code;
  }
}

/** Anything thrown, as an AwsError (unexpected failures become a 500 InternalFailure). */
export function toAwsError(err: unknown, internalCode = "InternalFailure"): AwsError {
  if (err instanceof AwsError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new AwsError(internalCode, message || "Internal error", 500);
}

let counter = 0;
/** A request id in the style AWS uses (UUID-shaped). */
export function requestId(): string {
  counter = (counter + 1) % 0xffffff;
  const rand = Math.floor(Math.random() * 0xffffffff)
    .toString(16)
    .padStart(8, "0");
  const c = counter.toString(16).padStart(6, "0");
  const t = Date.now().toString(16).padStart(12, "0").slice(-12);
  return `${rand}-${c.slice(0, 4)}-4${c.slice(4)}${rand.slice(0, 1)}-8${rand.slice(1, 4)}-${t}`;
}
