// The S3 Express One Zone directory bucket that the workflow's CreateSession step checks.
import { CreateBucketCommand, HeadBucketCommand } from "@aws-sdk/client-s3";
import { awsReason, DeployError, explainCommon, isExpressUnavailable } from "./errors.js";
import { arnsFor } from "./policies.js";
import { type DeployContext, errorName, httpStatus, type ResourceStep } from "./types.js";

/** Does the directory bucket exist? HeadBucket; a missing bucket is 404 (or NoSuchBucket from
 *  the CreateSession the SDK sends first for directory buckets). */
export async function bucketExists(ctx: DeployContext): Promise<boolean> {
  const s3 = await ctx.clients.s3();
  try {
    await s3.send(new HeadBucketCommand({ Bucket: ctx.names.bucket }));
    return true;
  } catch (error) {
    const name = errorName(error);
    if (name === "NotFound" || name === "NoSuchBucket" || httpStatus(error) === 404) return false;
    throw error;
  }
}

/**
 * A directory bucket refused because the region or zone has no S3 Express One Zone — an explicit
 * error, or (on AWS) a zonal endpoint that does not resolve — is explained as such.
 */
export function bucketFailure(error: unknown, ctx: DeployContext, nome: string): DeployError {
  if (error instanceof DeployError) return error;
  const name = errorName(error);
  const dns =
    (error as NodeJS.ErrnoException)?.code === "ENOTFOUND" ||
    (error as { cause?: NodeJS.ErrnoException })?.cause?.code === "ENOTFOUND";
  const common = explainCommon(error, ctx.config.target);
  if ((!common && isExpressUnavailable(error)) || (ctx.config.target === "aws" && dns)) {
    return new DeployError(
      "bucket",
      nome,
      `a região ${ctx.names.region} (zona ${ctx.names.availabilityZoneId}) não oferece buckets de diretório do S3 Express One Zone (${name || "erro"}: ${(error as Error).message}). Use uma região com S3 Express, como us-east-1, us-west-2, eu-west-1 ou ap-northeast-1 (--region).`,
      name,
    );
  }
  return new DeployError("bucket", nome, common ?? awsReason(error), name);
}

export function bucketStep(ctx: DeployContext): ResourceStep {
  const nome = ctx.names.bucket;
  const arn = arnsFor(ctx.names, ctx.accountId, ctx.partition).bucket;
  return {
    tipo: "bucket",
    nome,
    async plan(c) {
      let exists: boolean;
      try {
        exists = await bucketExists(c);
      } catch (error) {
        throw bucketFailure(error, c, nome);
      }
      return exists
        ? { acao: "sem mudança", mudancas: [], arn }
        : { acao: "criar", mudancas: [], arn };
    },
    async apply(c) {
      const s3 = await c.clients.s3();
      try {
        // Directory bucket: a zone and single-AZ redundancy (S3 API reference, CreateBucket,
        // CreateBucketConfiguration for directory buckets).
        await s3.send(
          new CreateBucketCommand({
            Bucket: nome,
            CreateBucketConfiguration: {
              Location: { Type: "AvailabilityZone", Name: c.names.availabilityZoneId },
              Bucket: { Type: "Directory", DataRedundancy: "SingleAvailabilityZone" },
            },
          }),
        );
      } catch (error) {
        const name = errorName(error);
        if (name === "BucketAlreadyOwnedByYou") return arn;
        if (name === "BucketAlreadyExists") {
          throw new DeployError(
            "bucket",
            nome,
            `o nome do bucket ${nome} já pertence a outra conta; use outro estágio (--stage).`,
            name,
          );
        }
        throw bucketFailure(error, c, nome);
      }
      return arn;
    },
  };
}
