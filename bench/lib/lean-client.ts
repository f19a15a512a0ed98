// The benchmarks' lean load generator: StartExecution as the AWS SDK puts it on the wire
// (awsJson1_0, SigV4-signed by the SDK's own signer), over keep-alive HTTP, without the SDK's
// middleware stack.
import { createHash, createHmac, type Hash, type Hmac } from "node:crypto";
import { Agent, request as httpRequest } from "node:http";
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";

/** Starts one execution (the SDK client, or the lean signed-HTTP client). */
export type Starter = (request: {
  stateMachineArn: string;
  name: string;
  input: string;
}) => Promise<void>;

/**
 * A lean load generator: StartExecution as the SDK puts it on the wire (awsJson1_0, signed with
 * SigV4 by the SDK's own signer), over keep-alive connections, without the SDK's middleware
 * stack — which costs ~1 ms of CPU per call on this machine, as much as the engine itself.
 */
/** SHA-256 / HMAC-SHA-256 from node:crypto, as the signer wants it (the SDK's Node.js hash). */
type Data = string | ArrayBuffer | ArrayBufferView;
const bytes = (d: Data): string | Uint8Array =>
  typeof d === "string"
    ? d
    : ArrayBuffer.isView(d)
      ? new Uint8Array(d.buffer, d.byteOffset, d.byteLength)
      : new Uint8Array(d);

class Sha256 {
  private readonly hash: Hash | Hmac;
  constructor(secret?: Data) {
    this.hash = secret === undefined ? createHash("sha256") : createHmac("sha256", bytes(secret));
  }
  update(data: Data): void {
    this.hash.update(bytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return this.hash.digest();
  }
  reset(): void {}
}

export function leanStarter(
  url: string,
  options: {
    credentials: { accessKeyId: string; secretAccessKey: string };
    region: string;
    maxSockets: number;
  },
): { start: Starter; close(): void } {
  const { credentials, region, maxSockets } = options;
  const agent = new Agent({ keepAlive: true, maxSockets });
  const { hostname, port } = new URL(url);
  const signer = new SignatureV4({ credentials, region, service: "states", sha256: Sha256 });
  const start: Starter = async (request) => {
    const body = JSON.stringify(request);
    const signed = await signer.sign(
      new HttpRequest({
        method: "POST",
        protocol: "http:",
        hostname,
        port: Number(port),
        path: "/",
        headers: {
          host: `${hostname}:${port}`,
          "content-type": "application/x-amz-json-1.0",
          "x-amz-target": "AWSStepFunctions.StartExecution",
        },
        body,
      }),
    );
    await new Promise<void>((resolve, reject) => {
      const req = httpRequest(
        { agent, hostname, port, method: "POST", path: "/", headers: signed.headers },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => {
            if (res.statusCode === 200) resolve();
            else reject(new Error(`StartExecution ${res.statusCode}: ${Buffer.concat(chunks)}`));
          });
        },
      );
      req.on("error", reject);
      req.end(body);
    });
  };
  return { start, close: () => agent.destroy() };
}
