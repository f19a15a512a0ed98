// asl-validator ships no type declarations; this is the part of its API the tests use.
declare module "asl-validator" {
  interface AslValidationResult {
    isValid: boolean;
    errors: Array<{ message?: string }>;
    errorsText(separator?: string): string;
  }
  function aslValidator(
    definition: unknown,
    options?: { checkPaths?: boolean; checkArn?: boolean },
  ): AslValidationResult;
  export default aslValidator;
}
