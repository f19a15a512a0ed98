// The service registry: service name (as in the SigV4 credential scope) → Service.
//
// Plug-ins: a folder `services/<name>/index.ts` (lambda, states) that exports
// `createService(): Service | Promise<Service>` is picked up here when it exists, so those
// services can be written without editing this file.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Service } from "../types.js";
import { createDynamoDbService } from "./dynamodb/index.js";
import { createGlacierService } from "./glacier/index.js";
import { createIamService } from "./iam/index.js";
import { createS3Service } from "./s3/index.js";
import { createStsService } from "./sts/index.js";

type ServiceModule = { createService?: () => Service | Promise<Service> };

const PLUGINS = ["lambda", "states"];

async function loadPlugin(name: string): Promise<Service | undefined> {
  const base = new URL(`./${name}/index`, import.meta.url);
  // Sources (.ts, under Vitest) or the build (.js); a plugin that exists but fails to load is an
  // error, not a missing service.
  if (
    !existsSync(fileURLToPath(`${base.href}.js`)) &&
    !existsSync(fileURLToPath(`${base.href}.ts`))
  ) {
    return undefined;
  }
  const specifier = `./${name}/index.js`;
  const mod = (await import(specifier)) as ServiceModule;
  return mod.createService ? await mod.createService() : undefined;
}

/** A fresh set of services for one engine. */
export async function createServices(): Promise<Record<string, Service>> {
  const services: Record<string, Service> = {
    dynamodb: createDynamoDbService(),
    glacier: createGlacierService(),
    iam: createIamService(),
    sts: createStsService(),
  };
  // One S3 service answers both scopes (s3express: CreateSession, ListDirectoryBuckets, and
  // every directory-bucket call signed with session credentials).
  const s3 = createS3Service();
  services.s3 = s3;
  services.s3express = s3;
  for (const name of PLUGINS) {
    const plugin = await loadPlugin(name);
    if (plugin) services[name] = plugin;
  }
  return services;
}
