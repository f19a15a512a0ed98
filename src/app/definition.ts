// The workflow definition shipped in assets/ and the per-stage resource names every command uses.
//
// The asset is the AWS console's seed state machine with the fixes of ARCHITECTURE §2. Names and
// ARNs that change per deployment are `${Placeholder}` markers, filled here at deploy time (the
// same idea as SAM's DefinitionSubstitutions); the asset never holds an account id.
import { readFileSync } from "node:fs";

/** Where the definition template lives (same relative path from src/app and dist/app). */
export const DEFINITION_TEMPLATE_URL = new URL(
  "../../assets/state-machine.asl.json",
  import.meta.url,
);

/** The placeholders the template uses. */
export const PLACEHOLDERS = ["BucketName", "FunctionArn", "TableName", "VaultName"] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export type DefinitionSubstitutions = Record<Placeholder, string>;

export interface ResourceNames {
  stage: string;
  region: string;
  /** DynamoDB table holding the accounts (partition key `id`). */
  table: string;
  /** Global secondary index on `documento`. */
  documentoIndex: string;
  /** The contaBanco Lambda function. */
  functionName: string;
  /** S3 Express One Zone directory bucket checked by CreateSession. */
  bucket: string;
  /** Availability Zone id the directory bucket lives in (part of its name). */
  availabilityZoneId: string;
  /** S3 Glacier vault whose access policy GetVaultAccessPolicy checks. */
  vault: string;
  stateMachine: string;
  /** Role assumed by Step Functions. */
  sfnRole: string;
  /** Execution role of the Lambda function. */
  lambdaRole: string;
}

export class DefinitionError extends Error {
  override name = "DefinitionError";
}

const STAGE_PATTERN = /^[a-z0-9-]{1,16}$/;

/** A stage goes into bucket names: lowercase letters, digits and hyphens, 1 to 16 characters. */
export function isValidStage(stage: string): boolean {
  return STAGE_PATTERN.test(stage);
}

/**
 * The Availability Zone id for the directory bucket of a region.
 *
 * S3 Express One Zone exists only in some zones (AWS S3 user guide, "S3 Express One Zone
 * Availability Zones and Regions"); for those regions we pick the first zone the guide lists.
 * For any other region we derive `<region abbreviation>-az1` (e.g. sa-east-1 → sae1-az1): the
 * local engine accepts it, and on AWS CreateBucket then reports that the zone is not supported.
 */
const EXPRESS_ZONES: Record<string, string> = {
  "us-east-1": "use1-az4",
  "us-east-2": "use2-az1",
  "us-west-2": "usw2-az1",
  "ap-south-1": "aps1-az1",
  "ap-northeast-1": "apne1-az1",
  "eu-west-1": "euw1-az1",
  "eu-north-1": "eun1-az1",
};

const DIRECTIONS: Record<string, string> = {
  north: "n",
  south: "s",
  east: "e",
  west: "w",
  central: "c",
  northeast: "ne",
  northwest: "nw",
  southeast: "se",
  southwest: "sw",
  gov: "g",
  iso: "i",
};

export function directoryBucketZoneId(region: string): string {
  const known = EXPRESS_ZONES[region];
  if (known) return known;
  const parts = region.split("-");
  const abbreviation = parts
    .map((part, index) => (index === 0 ? part : (DIRECTIONS[part] ?? part)))
    .join("");
  return `${abbreviation}-az1`;
}

/** The names of everything one stage deploys. */
export function resourceNames(stage: string, region = "us-east-1"): ResourceNames {
  if (!isValidStage(stage)) {
    throw new DefinitionError(
      `estágio inválido "${stage}": use de 1 a 16 letras minúsculas, dígitos ou hífens`,
    );
  }
  const prefix = `contabanco-${stage}`;
  const availabilityZoneId = directoryBucketZoneId(region);
  return {
    stage,
    region,
    table: `${prefix}-contas`,
    documentoIndex: "documento-index",
    functionName: `${prefix}-contaBanco`,
    bucket: `${prefix}--${availabilityZoneId}--x-s3`,
    availabilityZoneId,
    vault: `${prefix}-arquivo`,
    stateMachine: prefix,
    sfnRole: `${prefix}-sfn`,
    lambdaRole: `${prefix}-lambda`,
  };
}

/** The AWS partition of a region (ARNs differ in China and GovCloud). */
export function partitionOf(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  return "aws";
}

/** The unqualified ARN of a Lambda function. */
export function lambdaFunctionArn(region: string, accountId: string, functionName: string): string {
  return `arn:${partitionOf(region)}:lambda:${region}:${accountId}:function:${functionName}`;
}

/** The substitutions for one deployment; `functionArn` comes from the deployed function. */
export function substitutionsFor(
  names: ResourceNames,
  functionArn: string,
): DefinitionSubstitutions {
  return {
    BucketName: names.bucket,
    FunctionArn: functionArn,
    TableName: names.table,
    VaultName: names.vault,
  };
}

/** The definition template as shipped, placeholders included. */
export function readDefinitionTemplate(): string {
  return readFileSync(DEFINITION_TEMPLATE_URL, "utf8");
}

const MARKER = /\$\{([^}]*)\}/g;

/**
 * Fills every `${Name}` of the template. Throws a DefinitionError when a substitution is missing
 * or empty, or when a marker is left unfilled. Values are JSON-escaped: they land inside strings.
 */
export function renderDefinition(
  substitutions: DefinitionSubstitutions,
  template: string = readDefinitionTemplate(),
): string {
  for (const key of PLACEHOLDERS) {
    const value = substitutions[key];
    if (typeof value !== "string" || value === "") {
      throw new DefinitionError(`substituição ausente na definição: \${${key}}`);
    }
    if (value.includes("${")) {
      throw new DefinitionError(`a substituição \${${key}} não pode conter "\${": ${value}`);
    }
  }
  const values = substitutions as Record<string, string>;
  const rendered = template.replace(MARKER, (marker, key: string) =>
    Object.hasOwn(values, key) ? JSON.stringify(values[key]).slice(1, -1) : marker,
  );
  const left = [...rendered.matchAll(MARKER)].map((match) => match[0]);
  if (left.length > 0) {
    throw new DefinitionError(
      `marcadores não preenchidos na definição: ${[...new Set(left)].join(", ")}`,
    );
  }
  JSON.parse(rendered);
  return rendered;
}
