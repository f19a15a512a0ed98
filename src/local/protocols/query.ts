// awsQuery (STS, IAM): form-encoded Action=…&Version=…; XML <ActionResponse><ActionResult>.
// Errors: <ErrorResponse><Error><Type>Sender</Type><Code>…</Code><Message>…</Message></Error>.
import { AwsError, requestId, toAwsError } from "../errors.js";
import type { EngineContext, LocalRequest, LocalResponse, Service } from "../types.js";
import { XML_DECL, type XmlObject, xmlElements, xmlEscape } from "./xml.js";

/** The parameters of a query request: the query string merged with a form-encoded body. */
export function queryParams(req: LocalRequest): URLSearchParams {
  const params = new URLSearchParams(req.query);
  if (req.body.length > 0) {
    const ct = (req.headers["content-type"] ?? "").toLowerCase();
    if (ct !== "" && !ct.startsWith("application/x-www-form-urlencoded")) {
      throw new AwsError("InvalidParameterValue", "Unsupported content type", 400);
    }
    for (const [k, v] of new URLSearchParams(req.body.toString("utf8"))) params.append(k, v);
  }
  return params;
}

export function queryResponse(
  action: string,
  result: XmlObject | undefined,
  xmlns: string,
): LocalResponse {
  const id = requestId();
  const resultXml = result ? xmlElements(`${action}Result`, result, "member") : "";
  const body = `${XML_DECL}<${action}Response xmlns="${xmlns}">${resultXml}<ResponseMetadata><RequestId>${id}</RequestId></ResponseMetadata></${action}Response>`;
  return { status: 200, headers: { "content-type": "text/xml", "x-amzn-requestid": id }, body };
}

export function queryErrorResponse(err: unknown, xmlns: string): LocalResponse {
  const e = toAwsError(err, "ServiceFailure");
  const id = requestId();
  const type = e.status >= 500 ? "Receiver" : "Sender";
  const body = `${XML_DECL}<ErrorResponse xmlns="${xmlns}"><Error><Type>${type}</Type><Code>${xmlEscape(e.code)}</Code><Message>${xmlEscape(e.message)}</Message></Error><RequestId>${id}</RequestId></ErrorResponse>`;
  return {
    status: e.status,
    headers: { "content-type": "text/xml", "x-amzn-requestid": id },
    body,
  };
}

export type QueryAction = (
  ctx: EngineContext,
  params: URLSearchParams,
  req: LocalRequest,
) => Promise<XmlObject | undefined>;

export interface QueryServiceOptions {
  name: string;
  xmlns: string;
  actions: Record<string, QueryAction>;
}

/** A Service speaking awsQuery over an action map; every failure becomes an AWS-shaped error. */
export function queryService(opts: QueryServiceOptions): Service {
  return {
    name: opts.name,
    async handle(req, ctx) {
      try {
        const params = queryParams(req);
        const action = params.get("Action");
        if (!action) throw new AwsError("MissingAction", "Missing Action", 400);
        const fn = Object.hasOwn(opts.actions, action) ? opts.actions[action] : undefined;
        if (!fn) {
          throw new AwsError(
            "InvalidAction",
            `Could not find operation ${action} for version ${params.get("Version") ?? "NO_VERSION_SPECIFIED"}`,
            400,
          );
        }
        return queryResponse(action, await fn(ctx, params, req), opts.xmlns);
      } catch (err) {
        return queryErrorResponse(err, opts.xmlns);
      }
    },
  };
}

/** A required string parameter; missing → ValidationError, as IAM/STS answer. */
export function requiredParam(params: URLSearchParams, name: string): string {
  const v = params.get(name);
  if (v === null || v === "") {
    const member = name.charAt(0).toLowerCase() + name.slice(1);
    throw new AwsError(
      "ValidationError",
      `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`,
      400,
    );
  }
  return v;
}
