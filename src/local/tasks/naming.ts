// How Step Functions names the errors of service integrations.
//  - Optimized integrations keep the service's prefix: Lambda.ResourceNotFoundException,
//    DynamoDB.ConditionalCheckFailedException.
//  - AWS SDK integrations: "ServiceName.ErrorName", both PascalCase, and the error name always
//    ends in "Exception" even when the service's own code does not (S3's NoSuchBucket is
//    S3.NoSuchBucketException). Docs: "Learning to use AWS service SDK integrations in Step
//    Functions" (supported-services-awssdk.html).

/** PascalCase service names of the AWS SDK integrations, by the lower-case resource name. */
const SDK_SERVICE_NAMES: Record<string, string> = {
  dynamodb: "DynamoDb",
  s3: "S3",
  glacier: "Glacier",
  lambda: "Lambda",
  sfn: "Sfn",
  sts: "Sts",
  iam: "Iam",
};

export function sdkServiceName(service: string): string {
  return SDK_SERVICE_NAMES[service] ?? service.charAt(0).toUpperCase() + service.slice(1);
}

export function withExceptionSuffix(code: string): string {
  return code.endsWith("Exception") ? code : `${code}Exception`;
}

/** The cause text Step Functions records for a failed AWS SDK integration call. */
export function sdkCause(message: string, service: string, status: number, id: string): string {
  return `${message} (Service: ${service}, Status Code: ${status}, Request ID: ${id})`;
}

/** The cause text of an optimized integration error (Java SDK v1 style). */
export function optimizedCause(
  message: string,
  serviceId: string,
  status: number,
  code: string,
  id: string,
): string {
  return `${message} (Service: ${serviceId}; Status Code: ${status}; Error Code: ${code}; Request ID: ${id}; Proxy: null)`;
}
