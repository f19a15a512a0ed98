// The errors the Lambda API raises: the engine's AwsError with Lambda's restJson body
// ({"Type":"User","message":…} plus the x-amzn-ErrorType header), as Lambda sends them.
import { AwsError } from "../errors.js";

/** Kept as a name for in-process callers: every Lambda API error is an AwsError. */
export { AwsError as LambdaApiError } from "../errors.js";

export function awsError(code: string, message: string, status: number): AwsError {
  return new AwsError(code, message, status, { Type: status >= 500 ? "Service" : "User" });
}

export function notFound(arn: string): AwsError {
  return awsError("ResourceNotFoundException", `Function not found: ${arn}`, 404);
}

export function invalidParameter(message: string): AwsError {
  return awsError("InvalidParameterValueException", message, 400);
}
