// What an SDK client sends, seen from inside the client: the commands, in order, with their input.

/** The part of an SDK client's middleware stack this uses (every v3 client has it). */
interface Stack {
  add(
    middleware: (
      next: (args: unknown) => Promise<unknown>,
      context: { commandName?: string },
    ) => (args: unknown) => Promise<unknown>,
    options: { step: "initialize"; name: string },
  ): void;
  remove(name: string): boolean;
}

export interface SentCommand {
  /** The command's class name (`QueryCommand`…). */
  command: string;
  input: Record<string, unknown>;
}

export interface CommandRecorder {
  sent: SentCommand[];
  /** The names of the commands sent so far. */
  names(): string[];
  /** Forgets what was recorded. */
  clear(): void;
  /** Takes the recorder off the client. */
  stop(): void;
}

let hooks = 0;

/**
 * Calls `hook` with each command `client` sends from now on, before it goes out (a middleware at
 * the initialize step); a hook that throws fails the call as an AWS error would. Returns what
 * takes it off the client.
 */
export function beforeEachCommand(
  client: { middlewareStack: unknown },
  hook: (sent: SentCommand) => void,
): () => void {
  const stack = client.middlewareStack as Stack;
  const name = `beforeEachCommand${++hooks}`;
  stack.add(
    (next, context) => async (args) => {
      hook({
        command: String(context.commandName),
        input: (args as { input: Record<string, unknown> }).input,
      });
      return next(args);
    },
    { step: "initialize", name },
  );
  return () => {
    stack.remove(name);
  };
}

/** Records every command `client` sends from now on. */
export function recordCommands(client: { middlewareStack: unknown }): CommandRecorder {
  const sent: SentCommand[] = [];
  const stop = beforeEachCommand(client, (command) => sent.push(command));
  return {
    sent,
    names: () => sent.map((s) => s.command),
    clear: () => {
      sent.length = 0;
    },
    stop,
  };
}

/** An error as an SDK client raises it for an AWS error response (`name`, HTTP status). */
export function awsError(name: string, message: string, status = 400): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });
}
