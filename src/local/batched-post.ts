// Messages to another thread, posted as one array per event-loop turn: every message of a turn
// costs the other thread one wake-up instead of one each (postMessage signals the receiving
// loop each time, a system call that dominated the engine's DynamoDB hand-off under load).

/** A `send(message)` that queues, and posts the turn's messages with `post(batch)` once. */
export function batchedPost<T>(post: (batch: T[]) => void): (message: T) => void {
  let queue: T[] | undefined;
  const flush = () => {
    const batch = queue ?? [];
    queue = undefined;
    post(batch);
  };
  return (message) => {
    if (queue === undefined) {
      queue = [];
      setImmediate(flush);
    }
    queue.push(message);
  };
}
