// Work gathered per event-loop turn: what is sent during one turn is handed over as one batch.
// Messages to another thread then cost it one wake-up instead of one each (postMessage signals the
// receiving loop each time, a system call that dominated the engine's DynamoDB hand-off under
// load); LevelDB puts become one write (dynalite.ts).

/** `send(message)` queues; the turn's messages go to `post(batch)` once. */
export interface BatchedPost<T> {
  (message: T): void;
  /** Posts what is queued now, without waiting for the turn to end (before a close). */
  flush(): void;
}

export function batchedPost<T>(post: (batch: T[]) => void): BatchedPost<T> {
  let queue: T[] | undefined;
  const flush = () => {
    const batch = queue;
    queue = undefined;
    if (batch && batch.length > 0) post(batch);
  };
  const send = (message: T) => {
    if (queue === undefined) {
      queue = [];
      setImmediate(flush);
    }
    queue.push(message);
  };
  return Object.assign(send, { flush });
}
