// Messages between the engine and a function's worker process (Node IPC, JSON serialization).
// Kept dependency-free: the bootstrap imports it too.

/** The context fields the engine sends for one invocation (the rest is derived in the worker). */
export interface InvokeContextFields {
  awsRequestId: string;
  invokedFunctionArn: string;
  /** Epoch milliseconds at which the invocation times out. */
  deadlineMs: number;
  clientContext?: string;
}

export type ToWorker = { t: "invoke"; id: number; event: string; context: InvokeContextFields };

/** The error document Lambda's Node.js runtime produces for an unhandled error. */
export interface RuntimeErrorDocument {
  errorType: string;
  errorMessage: string;
  trace?: string[];
}

export type FromWorker =
  | { t: "log"; data: string }
  | { t: "result"; id: number; payload: string; rssMb: number }
  | { t: "error"; id: number; error: RuntimeErrorDocument; fatal: boolean; rssMb: number };
