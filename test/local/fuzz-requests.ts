// Random requests for the known operations of every service (structured fuzzing inputs).
import fc from "fast-check";
import { DYNAMODB_OPERATIONS } from "../../src/local/services/dynamodb/index.js";
import { awsShaped } from "../support/http.js";

export interface FuzzRequest {
  service: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

type Req = FuzzRequest;

const value = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.string({ maxLength: 12 }));
const attr = fc.oneof(
  fc.record({ S: fc.string({ maxLength: 8 }) }),
  fc.record({ N: fc.oneof(fc.integer().map(String), fc.string({ maxLength: 4 })) }),
  fc.record({ B: fc.string({ maxLength: 8 }) }),
  fc.dictionary(fc.constantFrom("S", "N", "BOOL", "NULL", "L", "M", "SS", "X"), value, {
    maxKeys: 2,
  }),
);
const tableName = fc.oneof(
  fc.constantFrom("contas", "nada", "ab", "contas-2"),
  fc.string({ maxLength: 6 }),
);

const dynamodb: fc.Arbitrary<Req> = fc
  .tuple(
    fc.constantFrom(...DYNAMODB_OPERATIONS, "DescribeContinuousBackups", "UpdateContinuousBackups"),
    fc.record(
      {
        TableName: tableName,
        Key: fc.dictionary(fc.constantFrom("id", "x"), attr, { maxKeys: 2 }),
        Item: fc.dictionary(fc.constantFrom("id", "documento", "v"), attr, { maxKeys: 3 }),
        KeySchema: fc.array(
          fc.record({
            AttributeName: fc.constantFrom("id", "x"),
            KeyType: fc.constantFrom("HASH", "RANGE", "?"),
          }),
          { maxLength: 2 },
        ),
        AttributeDefinitions: fc.array(
          fc.record({
            AttributeName: fc.constantFrom("id", "x"),
            AttributeType: fc.constantFrom("S", "N", "B", "?"),
          }),
          { maxLength: 2 },
        ),
        BillingMode: fc.constantFrom("PAY_PER_REQUEST", "PROVISIONED", "?"),
        UpdateExpression: fc.oneof(
          fc.constantFrom("SET v = :v", "REMOVE v", "ADD n :n", "SET"),
          fc.string({ maxLength: 10 }),
        ),
        ConditionExpression: fc.oneof(
          fc.constantFrom("attribute_not_exists(id)", "v = :v", "size(v) > :n"),
          fc.string({ maxLength: 10 }),
        ),
        KeyConditionExpression: fc.oneof(
          fc.constantFrom("id = :v", "begins_with(id, :v)"),
          fc.string({ maxLength: 10 }),
        ),
        ExpressionAttributeValues: fc.dictionary(fc.constantFrom(":v", ":n", "v"), attr, {
          maxKeys: 2,
        }),
        ExpressionAttributeNames: fc.dictionary(
          fc.constantFrom("#v", "v"),
          fc.string({ maxLength: 4 }),
          { maxKeys: 2 },
        ),
        Limit: value,
        ReturnValues: fc.constantFrom("ALL_NEW", "NONE", "?"),
        PointInTimeRecoverySpecification: fc.record({ PointInTimeRecoveryEnabled: value }),
        RequestItems: fc.dictionary(tableName, value, { maxKeys: 2 }),
      },
      { requiredKeys: [] },
    ),
  )
  .map(([op, body]) => ({
    service: "dynamodb",
    method: "POST",
    path: "/",
    headers: {
      "x-amz-target": `DynamoDB_20120810.${op}`,
      "content-type": "application/x-amz-json-1.0",
    },
    body: JSON.stringify(body),
  }));

const states: fc.Arbitrary<Req> = fc
  .tuple(
    fc.constantFrom(
      "CreateStateMachine",
      "UpdateStateMachine",
      "DescribeStateMachine",
      "ListStateMachines",
      "DeleteStateMachine",
      "ValidateStateMachineDefinition",
      "StartExecution",
      "StartSyncExecution",
      "DescribeExecution",
      "ListExecutions",
      "GetExecutionHistory",
      "StopExecution",
    ),
    fc.record(
      {
        name: fc.oneof(fc.constantFrom("fluxo", "a b", ""), fc.string({ maxLength: 8 })),
        definition: fc.oneof(
          fc.constant('{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}'),
          fc.constant('{"StartAt":"X","States":{}}'),
          fc.json({ maxDepth: 2 }),
          fc.string({ maxLength: 10 }),
        ),
        roleArn: fc.oneof(
          fc.constant("arn:aws:iam::000000000000:role/r"),
          fc.string({ maxLength: 8 }),
        ),
        stateMachineArn: fc.oneof(
          fc.constant("arn:aws:states:us-east-1:000000000000:stateMachine:fluxo"),
          fc.string({ maxLength: 8 }),
        ),
        executionArn: fc.oneof(
          fc.constant("arn:aws:states:us-east-1:000000000000:execution:fluxo:x"),
          fc.string({ maxLength: 8 }),
        ),
        input: fc.oneof(fc.json({ maxDepth: 2 }), fc.string({ maxLength: 6 })),
        type: fc.constantFrom("STANDARD", "EXPRESS", "?"),
        maxResults: value,
        nextToken: value,
      },
      { requiredKeys: [] },
    ),
  )
  .map(([op, body]) => ({
    service: "states",
    method: "POST",
    path: "/",
    headers: {
      "x-amz-target": `AWSStepFunctions.${op}`,
      "content-type": "application/x-amz-json-1.0",
    },
    body: JSON.stringify(body),
  }));

const name = fc.oneof(
  fc.constantFrom("cofre", "nada", "x y", "a".repeat(300)),
  fc.string({ maxLength: 6 }),
);
const seg = (s: string) => encodeURIComponent(s);

const glacier: fc.Arbitrary<Req> = fc
  .tuple(
    fc.constantFrom("GET", "PUT", "DELETE", "POST"),
    fc.constantFrom("-", "000000000000", "123456789012", "x"),
    name,
    fc.constantFrom("", "/access-policy", "/lock-policy"),
    fc.boolean(),
    fc.oneof(
      fc
        .record(
          {
            Policy: fc.oneof(
              fc.constant('{"Version":"2012-10-17"}'),
              fc.string({ maxLength: 8 }),
              value,
            ),
          },
          { requiredKeys: [] },
        )
        .map((o) => JSON.stringify(o)),
      fc.string({ maxLength: 10 }),
    ),
    fc.constantFrom("", "?limit=2", "?limit=0", "?marker=zz"),
  )
  .map(([method, account, vault, sub, list, body, q]) => ({
    service: "glacier",
    method,
    path: list ? `/${account}/vaults${q}` : `/${account}/vaults/${seg(vault)}${sub}`,
    headers: { "content-type": "application/json", "x-amz-glacier-version": "2012-06-01" },
    body,
  }));

const lambda: fc.Arbitrary<Req> = fc
  .tuple(
    fc.constantFrom("GET", "PUT", "POST", "DELETE"),
    name,
    fc.constantFrom("", "/configuration", "/code", "/invocations", "/versions", "/package/x.zip"),
    fc.oneof(
      fc
        .record(
          {
            FunctionName: name,
            Runtime: fc.constantFrom("nodejs20.x", "python3.12", "?"),
            Role: fc.constant("arn:aws:iam::000000000000:role/r"),
            Handler: fc.constantFrom("index.handler", "x"),
            Code: fc.record(
              { ZipFile: fc.oneof(fc.base64String({ maxLength: 40 }), value) },
              { requiredKeys: [] },
            ),
            Timeout: value,
            MemorySize: value,
            Environment: fc.record({
              Variables: fc.dictionary(fc.string({ maxLength: 4 }), value, { maxKeys: 2 }),
            }),
          },
          { requiredKeys: [] },
        )
        .map((o) => JSON.stringify(o)),
      fc.string({ maxLength: 10 }),
    ),
    fc.constantFrom(undefined, "Event", "RequestResponse", "DryRun", "?"),
  )
  .map(([method, fn, sub, body, invocation]) => ({
    service: "lambda",
    method,
    path: `/2015-03-31/functions${fn === "" ? "" : `/${seg(fn)}${sub}`}`,
    headers: {
      "content-type": "application/json",
      ...(invocation ? { "x-amz-invocation-type": invocation } : {}),
    },
    body,
  }));

const query: fc.Arbitrary<Req> = fc
  .tuple(
    fc.constantFrom("iam", "sts"),
    fc.constantFrom(
      "CreateRole",
      "GetRole",
      "DeleteRole",
      "PutRolePolicy",
      "GetRolePolicy",
      "DeleteRolePolicy",
      "ListRolePolicies",
      "UpdateAssumeRolePolicy",
      "TagRole",
      "UntagRole",
      "ListRoleTags",
      "AttachRolePolicy",
      "GetCallerIdentity",
      "Nope",
    ),
    fc.dictionary(
      fc.constantFrom(
        "RoleName",
        "PolicyName",
        "PolicyDocument",
        "AssumeRolePolicyDocument",
        "Path",
        "MaxSessionDuration",
        "Tags.member.1.Key",
        "Tags.member.1.Value",
        "TagKeys.member.1",
        "PolicyArn",
      ),
      fc.oneof(
        fc.constantFrom("papel", "{}", '{"Version":"2012-10-17"}', "/", "/a/", "9999"),
        fc.string({ maxLength: 8 }),
      ),
      { maxKeys: 5 },
    ),
  )
  .map(([service, action, params]) => ({
    service,
    method: "POST",
    path: "/",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ Action: action, Version: "2010-05-08", ...params }).toString(),
  }));

const s3: fc.Arbitrary<Req> = fc
  .tuple(
    fc.constantFrom("s3", "s3express"),
    fc.constantFrom("GET", "PUT", "HEAD", "DELETE", "POST"),
    fc.constantFrom("", "lotes", "lotes--use1-az4--x-s3", "Invalido_", "x", "lotes--bad--x-s3"),
    fc.oneof(fc.constantFrom("", "k", "/k", "a/b c", "%"), fc.string({ maxLength: 8 })),
    fc.constantFrom(
      "",
      "?session",
      "?list-type=2&prefix=a&delimiter=/&max-keys=1",
      "?list-type=2&continuation-token=%%%",
      "?location",
      "?acl",
      "?max-keys=-1",
      "?encoding-type=zip",
      "?tagging",
      "?versioning",
      "?policy",
      "?uploads",
      "?uploadId=zz",
      "?restore",
      "?delete",
    ),
    fc.record(
      {
        range: fc.constantFrom("bytes=0-1", "bytes=5-", "bytes=-3", "bytes=9-1", "bytes=x"),
        "content-md5": fc.constantFrom("1B2M2Y8AsgTpgAmY7PhCfg==", "nope"),
        "content-encoding": fc.constantFrom("aws-chunked", "gzip"),
        "x-amz-meta-a": fc.string({ maxLength: 6 }).map((s) => s.replace(/[^\x20-\x7e]/g, "")),
        "x-amz-copy-source": fc.constant("/lotes/k"),
        "content-type": fc.constantFrom("application/xml", "text/plain"),
      },
      { requiredKeys: [] },
    ),
    fc.oneof(
      fc.constantFrom(
        "",
        "<CreateBucketConfiguration><Location><Type>AvailabilityZone</Type><Name>use1-az4</Name></Location><Bucket><Type>Directory</Type></Bucket></CreateBucketConfiguration>",
        "<CreateBucketConfiguration><LocationConstraint>eu-west-1</LocationConstraint></CreateBucketConfiguration>",
        "<Nope/>",
        "3\r\nabc\r\n0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n",
        "zz\r\n",
      ),
      fc.string({ maxLength: 20 }),
    ),
  )
  .map(([service, method, bucket, key, q, headers, body]) => ({
    service,
    method,
    path: `/${bucket}${bucket && key ? `/${seg(key)}` : ""}${q}`,
    headers,
    body,
  }));

/** Random XML: S3's element names (and others) nested at random, well-formed or cut short. */
const xmlTag = fc.constantFrom(
  "Delete",
  "Object",
  "Key",
  "VersionId",
  "Quiet",
  "CompleteMultipartUpload",
  "Part",
  "PartNumber",
  "ETag",
  "a",
);
const xmlText = fc.oneof(
  fc.constantFrom("", "k", "true", "false", "1", "0", "10001", '"etag"', "&amp;", "a/b"),
  fc.string({ maxLength: 6 }).map((t) => t.replace(/[<>&]/g, "")),
);
const { xmlNode } = fc.letrec<{ xmlNode: string }>((tie) => ({
  xmlNode: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    xmlText,
    fc
      .tuple(xmlTag, fc.array(tie("xmlNode"), { maxLength: 3 }))
      .map(([tag, children]) =>
        children.length === 0 ? `<${tag}/>` : `<${tag}>${children.join("")}</${tag}>`,
      ),
  ),
}));
const xmlBody = fc.oneof(
  xmlNode,
  fc.tuple(xmlNode, fc.nat()).map(([x, n]) => x.slice(0, n % (x.length + 1))),
  fc.constantFrom(
    "",
    "<Delete><Object><Key><a/></Key></Object></Delete>",
    "<Delete><Object><Key>k</Key></Object><Quiet>yes</Quiet></Delete>",
    "<Delete></Delete>",
    "<Delete><Object/></Delete>",
    "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber></Part></CompleteMultipartUpload>",
    "<CompleteMultipartUpload/>",
  ),
);

/** DeleteObjects, CreateMultipartUpload, UploadPart and CompleteMultipartUpload with random XML. */
const s3Xml: fc.Arbitrary<Req> = fc
  .tuple(
    fc.constantFrom("s3", "s3express"),
    fc.constantFrom("lotes", "lotes--use1-az4--x-s3", "nada", "x"),
    fc.constantFrom("k", "a/b c", "fixo"),
    fc.constantFrom(
      "POST ?delete",
      "POST ?uploads",
      "PUT ?uploadId=UPLOAD&partNumber=1",
      "PUT ?uploadId=AAAAAAAAAAAAAAAAAAAA&partNumber=x",
      "POST ?uploadId=AAAAAAAAAAAAAAAAAAAA",
      "DELETE ?uploadId=zz",
    ),
    xmlBody,
  )
  .map(([service, bucket, key, op, body]) => {
    const [method, q] = op.split(" ");
    const path = q === "?delete" ? `/${bucket}${q}` : `/${bucket}/${seg(key)}${q}`;
    return { service, method, path, headers: { "content-type": "application/xml" }, body };
  });

/** One request to any service. */
export const operationRequests: fc.Arbitrary<FuzzRequest> = fc.oneof(
  dynamodb,
  states,
  glacier,
  lambda,
  query,
  s3,
  s3Xml,
);

/**
 * The one 5xx a fuzzed request may get: S3's 501 NotImplemented for a real S3 operation the
 * engine does not implement, named here by method and subresource (its own list, so that the
 * engine's cannot widen it silently). Any other method on these subresources is a 405.
 */
export const S3_NOT_IMPLEMENTED = [
  "GET accelerate",
  "PUT accelerate",
  "GET acl",
  "PUT acl",
  "GET analytics",
  "PUT analytics",
  "DELETE analytics",
  "GET attributes",
  "GET cors",
  "PUT cors",
  "DELETE cors",
  "GET encryption",
  "PUT encryption",
  "DELETE encryption",
  "GET intelligent-tiering",
  "PUT intelligent-tiering",
  "DELETE intelligent-tiering",
  "GET inventory",
  "PUT inventory",
  "DELETE inventory",
  "GET legal-hold",
  "PUT legal-hold",
  "GET lifecycle",
  "PUT lifecycle",
  "DELETE lifecycle",
  "GET logging",
  "PUT logging",
  "GET metrics",
  "PUT metrics",
  "DELETE metrics",
  "GET notification",
  "PUT notification",
  "GET object-lock",
  "PUT object-lock",
  "GET ownershipControls",
  "PUT ownershipControls",
  "DELETE ownershipControls",
  "GET policy",
  "PUT policy",
  "DELETE policy",
  "GET policyStatus",
  "GET publicAccessBlock",
  "PUT publicAccessBlock",
  "DELETE publicAccessBlock",
  "GET replication",
  "PUT replication",
  "DELETE replication",
  "GET requestPayment",
  "PUT requestPayment",
  "POST restore",
  "GET retention",
  "PUT retention",
  "POST select",
  "GET tagging",
  "PUT tagging",
  "DELETE tagging",
  "GET torrent",
  "GET versioning",
  "PUT versioning",
  "GET versions",
  "GET website",
  "PUT website",
  "DELETE website",
  "GET uploads", // ListMultipartUploads
  "GET uploadId", // ListParts
];

/** Whether `method path` names an operation of S3_NOT_IMPLEMENTED. */
export function s3NotImplemented(method: string, path: string): boolean {
  const q = path.indexOf("?");
  if (q < 0) return false;
  const names = [...new URLSearchParams(path.slice(q + 1)).keys()];
  return names.some((n) => S3_NOT_IMPLEMENTED.includes(`${method} ${n}`));
}

/**
 * What every fuzzed request must get: a status below 500 (a 2xx or a 4xx AWS error), or S3's
 * 501 NotImplemented for an operation of S3_NOT_IMPLEMENTED; every error AWS-shaped.
 */
export function replyProblem(
  method: string,
  path: string,
  reply: { status: number; headers: Record<string, string | string[] | undefined>; body: string },
): string | undefined {
  if (reply.status < 200) return "status below 200";
  if (reply.status >= 500) {
    const notImplemented =
      reply.status === 501 &&
      s3NotImplemented(method, path) &&
      /<Code>NotImplemented<\/Code>/.test(reply.body);
    if (!notImplemented) return "5xx";
  }
  if (reply.status >= 300 && !awsShaped(method, reply)) return "not an AWS error";
  return undefined;
}
