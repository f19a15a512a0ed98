// Small XML writer/reader shared by restXml and awsQuery.
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { AwsError } from "../errors.js";

export function xmlEscape(s: string): string {
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;")
    .replace(/\r/g, "&#13;");
}

/** Strings, numbers, booleans, Dates, arrays and plain objects (interfaces welcome). */
export type XmlValue = unknown;
export type XmlObject = object;

/**
 * Elements for a value. Arrays become repeated `<name>` elements ("repeat", restXml flattened
 * lists) or `<name><member>…</member></name>` ("member", awsQuery lists).
 */
export function xmlElements(name: string, value: XmlValue, lists: "repeat" | "member"): string {
  if (value === undefined || value === null) return "";
  if (Array.isArray(value)) {
    if (lists === "member") {
      return `<${name}>${value.map((v) => xmlElements("member", v, lists)).join("")}</${name}>`;
    }
    return value.map((v) => xmlElements(name, v, lists)).join("");
  }
  if (value instanceof Date) return `<${name}>${value.toISOString()}</${name}>`;
  if (typeof value === "object") {
    const inner = Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => xmlElements(k, v, lists))
      .join("");
    return `<${name}>${inner}</${name}>`;
  }
  return `<${name}>${xmlEscape(String(value))}</${name}>`;
}

export const XML_DECL = '<?xml version="1.0" encoding="UTF-8"?>\n';

/** A whole document: `<root xmlns="ns">…</root>`. */
export function xmlDocument(
  root: string,
  content: XmlObject,
  xmlns?: string,
  lists: "repeat" | "member" = "repeat",
): string {
  const inner = Object.entries(content)
    .map(([k, v]) => xmlElements(k, v, lists))
    .join("");
  const ns = xmlns ? ` xmlns="${xmlns}"` : "";
  return `${XML_DECL}<${root}${ns}>${inner}</${root}>`;
}

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
});

/** Parses an XML body into plain objects (text values stay strings). Malformed → `code`. */
export function parseXml(text: string, code = "MalformedXML"): Record<string, unknown> {
  const message =
    "The XML you provided was not well-formed or did not validate against our published schema";
  if (XMLValidator.validate(text) !== true) throw new AwsError(code, message);
  try {
    const parsed = parser.parse(text) as unknown;
    if (parsed === null || typeof parsed !== "object") throw new AwsError(code, message);
    return parsed as Record<string, unknown>;
  } catch (err) {
    if (err instanceof AwsError) throw err;
    throw new AwsError(code, message);
  }
}
