// aws-chunked request bodies (SigV4 streaming and flexible-checksum trailers):
//   <hex size>[;chunk-signature=…]\r\n<bytes>\r\n … 0[;…]\r\n[<trailer>: <value>\r\n]*\r\n
// https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html
import { AwsError } from "../../errors.js";

export function isAwsChunked(headers: Record<string, string>): boolean {
  const encoding = headers["content-encoding"] ?? "";
  const sha = headers["x-amz-content-sha256"] ?? "";
  return (
    encoding.split(",").some((e) => e.trim() === "aws-chunked") || sha.startsWith("STREAMING-")
  );
}

/** The decoded payload and trailing headers of an aws-chunked body. */
export function decodeAwsChunked(body: Buffer): {
  payload: Buffer;
  trailers: Record<string, string>;
} {
  const parts: Buffer[] = [];
  const trailers: Record<string, string> = {};
  let pos = 0;
  const bad = () => new AwsError("IncompleteBody", "The request body terminated unexpectedly");
  for (;;) {
    const eol = body.indexOf("\r\n", pos);
    if (eol < 0) throw bad();
    const header = body.subarray(pos, eol).toString("latin1");
    const size = Number.parseInt(header.split(";")[0], 16);
    if (!Number.isFinite(size) || size < 0) throw bad();
    pos = eol + 2;
    if (size === 0) break;
    if (pos + size > body.length) throw bad();
    parts.push(body.subarray(pos, pos + size));
    pos += size;
    if (body.subarray(pos, pos + 2).toString("latin1") === "\r\n") pos += 2;
  }
  while (pos < body.length) {
    const eol = body.indexOf("\r\n", pos);
    const line = body.subarray(pos, eol < 0 ? body.length : eol).toString("latin1");
    pos = eol < 0 ? body.length : eol + 2;
    if (line === "") continue;
    const colon = line.indexOf(":");
    if (colon > 0)
      trailers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { payload: Buffer.concat(parts), trailers };
}
