// restXml (S3): XML bodies; errors as <Error><Code>…</Code><Message>…</Message>…</Error>.
import { requestId, toAwsError } from "../errors.js";
import type { LocalResponse } from "../types.js";
import { XML_DECL, type XmlObject, xmlDocument, xmlElements, xmlEscape } from "./xml.js";

export const S3_XMLNS = "http://s3.amazonaws.com/doc/2006-03-01/";

export function xmlResponse(
  root: string,
  content: XmlObject,
  opts: { status?: number; xmlns?: string; headers?: Record<string, string> } = {},
): LocalResponse {
  return {
    status: opts.status ?? 200,
    headers: {
      "content-type": "application/xml",
      "x-amz-request-id": requestId(),
      ...opts.headers,
    },
    body: xmlDocument(root, content, opts.xmlns === undefined ? S3_XMLNS : opts.xmlns),
  };
}

/**
 * An S3-style error. `extra` fields (BucketName, Key, …) become elements; for HEAD requests the
 * body is empty, as S3 sends it (SDKs then name the error after the status, e.g. NotFound).
 */
export function xmlErrorResponse(err: unknown, opts: { head?: boolean } = {}): LocalResponse {
  const e = toAwsError(err, "InternalError");
  const id = requestId();
  const headers: Record<string, string> = { "x-amz-request-id": id, "x-amz-id-2": id };
  if (opts.head) return { status: e.status, headers: { ...headers, "content-length": "0" } };
  const extra = Object.entries(e.extra ?? {})
    .map(([k, v]) => xmlElements(k, v as never, "repeat"))
    .join("");
  const body = `${XML_DECL}<Error><Code>${xmlEscape(e.code)}</Code><Message>${xmlEscape(e.message)}</Message>${extra}<RequestId>${id}</RequestId><HostId>${id}</HostId></Error>`;
  return { status: e.status, headers: { ...headers, "content-type": "application/xml" }, body };
}
