// The errors the Lambda API raises, with their AWS codes and HTTP statuses.

/** An error of the Lambda API: `code` is the AWS error code, `status` its HTTP status. */
export class LambdaApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = code;
  }
}

export function awsError(code: string, message: string, status: number): Error {
  return new LambdaApiError(code, message, status);
}

export function notFound(arn: string): Error {
  return awsError("ResourceNotFoundException", `Function not found: ${arn}`, 404);
}

export function invalidParameter(message: string): Error {
  return awsError("InvalidParameterValueException", message, 400);
}
