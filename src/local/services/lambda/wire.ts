// Type checks of restJson request bodies: a field of the wrong JSON type is refused with a
// 400 SerializationException before any action sees it.
import { awsError } from "../../lambda/fail.js";

type Kind = "string" | "number" | "boolean" | "strings" | "stringMap" | { [field: string]: Kind };

const CONFIG: Record<string, Kind> = {
  Role: "string",
  Runtime: "string",
  Handler: "string",
  Description: "string",
  Timeout: "number",
  MemorySize: "number",
  Environment: { Variables: "stringMap" },
};

const SHAPES: Record<string, Record<string, Kind>> = {
  CreateFunction: {
    ...CONFIG,
    FunctionName: "string",
    Publish: "boolean",
    PackageType: "string",
    Architectures: "strings",
    Tags: "stringMap",
    Code: { ZipFile: "string", S3Bucket: "string", S3Key: "string", ImageUri: "string" },
  },
  UpdateFunctionConfiguration: { ...CONFIG, RevisionId: "string" },
  UpdateFunctionCode: {
    ZipFile: "string",
    S3Bucket: "string",
    S3Key: "string",
    ImageUri: "string",
    Publish: "boolean",
    DryRun: "boolean",
    RevisionId: "string",
    Architectures: "strings",
  },
  PublishVersion: { CodeSha256: "string", Description: "string", RevisionId: "string" },
};

function fits(value: unknown, kind: Kind): boolean {
  if (value === null || value === undefined) return true;
  if (kind === "string") return typeof value === "string";
  if (kind === "number") return typeof value === "number" && Number.isFinite(value);
  if (kind === "boolean") return typeof value === "boolean";
  if (kind === "strings") return Array.isArray(value) && value.every((v) => typeof v === "string");
  if (typeof value !== "object" || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  if (kind === "stringMap") return Object.values(record).every((v) => typeof v === "string");
  return Object.entries(kind).every(([field, k]) => fits(record[field], k));
}

/** The body, checked against the operation's input shape (null fields count as absent). */
// biome-ignore lint/suspicious/noExplicitAny: the shape check above makes the fields safe to read
export function typedBody(body: Record<string, unknown> | undefined, operation: string): any {
  const shape = SHAPES[operation] ?? {};
  const input: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(body ?? {})) {
    const kind = shape[field];
    if (!kind) continue;
    if (!fits(value, kind)) {
      throw awsError("SerializationException", `Cannot deserialize value of field '${field}'`, 400);
    }
    if (value !== null) input[field] = value;
  }
  return input;
}
