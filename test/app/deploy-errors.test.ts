// The pt-BR explanations deploy gives for errors any step can meet, by the codes AWS sends.
import { describe, expect, it } from "vitest";
import { explainCommon } from "../../src/app/deploy/errors.js";
import { awsError } from "../support/sdk.js";

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
    const text = explainCommon(awsError(name, "x"), "aws");
    expect(text).toMatch(/^credenciais da AWS ausentes ou inválidas/);
    expect(text).toContain(name);
    expect(text).toContain("--profile");
  });

  it("an error it does not know is left to the generic explanation", () => {
    expect(explainCommon(awsError("ValidationException", "x"), "aws")).toBeUndefined();
  });
});
