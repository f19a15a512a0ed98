// Deployment packages: hashing, validation and extraction of a function's zip, and where the
// worker bootstrap script lives.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, isAbsolute, join, normalize } from "node:path";
import { unzipSync } from "fflate";
import { entryScript } from "../entry-script.js";

/** CodeSha256 as Lambda reports it: the base64 SHA-256 of the deployment package. */
export function codeSha256(zip: Uint8Array): string {
  return createHash("sha256").update(zip).digest("base64");
}

/** A file-system-safe form of a CodeSha256 (the base64 alphabet has "/"). */
export function codeDirName(sha256: string): string {
  return Buffer.from(sha256, "base64").toString("hex");
}

/** The zip's entries, or undefined when it is not a readable zip. */
export function readZip(zip: Uint8Array): Record<string, Uint8Array> | undefined {
  try {
    return unzipSync(zip);
  } catch {
    return undefined;
  }
}

function safeEntryPath(name: string): string | undefined {
  const normalized = normalize(name.replaceAll("\\", "/"));
  if (isAbsolute(normalized) || normalized.startsWith("..")) return undefined;
  return normalized;
}

/**
 * Extracts the zip into `dir` once (into a temporary sibling, then renamed into place, so a
 * half-extracted directory is never used). Returns `dir`.
 */
export function extractCode(dir: string, zip: Uint8Array): string {
  if (existsSync(dir)) return dir;
  const entries = readZip(zip);
  if (!entries) throw new Error("Could not unzip uploaded file.");
  const staging = `${dir}.tmp-${process.pid}-${Date.now()}`;
  mkdirSync(staging, { recursive: true });
  for (const [name, data] of Object.entries(entries)) {
    const path = safeEntryPath(name);
    if (!path || path === ".") continue;
    const target = join(staging, path);
    if (name.endsWith("/")) {
      mkdirSync(target, { recursive: true });
      continue;
    }
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, data);
  }
  try {
    renameSync(staging, dir);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(dir)) throw error;
  }
  return dir;
}

/**
 * The worker script: dist/local/lambda/bootstrap.js after `npm run build`, or bootstrap.ts
 * bundled once when the engine runs from its TypeScript sources (tests).
 */
export function resolveBootstrap(): Promise<string> {
  return entryScript(import.meta.url, "bootstrap");
}
