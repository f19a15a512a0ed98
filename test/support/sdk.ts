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

let recorders = 0;

/** Records every command `client` sends from now on (a middleware at its initialize step). */
export function recordCommands(client: { middlewareStack: unknown }): CommandRecorder {
  const stack = client.middlewareStack as Stack;
  const sent: SentCommand[] = [];
  const name = `recordCommands${++recorders}`;
  stack.add(
    (next, context) => async (args) => {
      sent.push({
        command: String(context.commandName),
        input: (args as { input: Record<string, unknown> }).input,
      });
      return next(args);
    },
    { step: "initialize", name },
  );
  return {
    sent,
    names: () => sent.map((s) => s.command),
    clear: () => {
      sent.length = 0;
    },
    stop: () => {
      stack.remove(name);
    },
  };
}
