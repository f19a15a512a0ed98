// The pt-BR explanations deploy gives for errors any step can meet, by the codes AWS sends.
import { describe, expect, it } from "vitest";
import { explainCommon } from "../../src/app/deploy/errors.js";

function awsError(name: string, message = "x", status = 400) {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });
}

describe("explainCommon", () => {
  it.each([
    "InvalidClientTokenId",
    "UnrecognizedClientException",
    "SignatureDoesNotMatch",
    "InvalidSignatureException",
    "MissingAuthenticationToken",
    // DynamoDB's code for a request without a signature.
    "MissingAuthenticationTokenException",
  ])("%s: credentials missing or invalid, with what to do", (name) => {
    const text = explainCommon(awsError(name), "aws");
    expect(text).toMatch(/^credenciais da AWS ausentes ou inválidas/);
    expect(text).toContain(name);
    expect(text).toContain("--profile");
  });

  it("an error it does not know is left to the generic explanation", () => {
    expect(explainCommon(awsError("ValidationException"), "aws")).toBeUndefined();
  });
});
