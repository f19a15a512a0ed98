// A free TCP port on 127.0.0.1 (for tests and benchmarks that start an engine or a server by
// port). No test framework here: the benchmarks import it too.
import { createServer } from "node:net";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}
