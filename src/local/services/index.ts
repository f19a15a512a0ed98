// The service registry: service name (as in the SigV4 credential scope) → Service.
//
// Plug-ins: a folder `services/<name>/index.ts` (lambda, states) that exports
// `createService(): Service | Promise<Service>` is picked up here when it exists, so those
// services can be written without editing this file.
import type { Service } from "../types.js";
import { createDynamoDbService } from "./dynamodb/index.js";
import { createGlacierService } from "./glacier/index.js";
import { createIamService } from "./iam/index.js";
import { createS3Service } from "./s3/index.js";
import { createStsService } from "./sts/index.js";

type ServiceModule = { createService?: () => Service | Promise<Service> };

const PLUGINS = ["lambda", "states"];

async function loadPlugin(name: string): Promise<Service | undefined> {
  const specifier = `./${name}/index.js`;
  let mod: ServiceModule;
  try {
    mod = (await import(specifier)) as ServiceModule;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (
      code === "ERR_MODULE_NOT_FOUND" &&
      String((err as Error).message).includes(`${name}/index`)
    ) {
      return undefined;
    }
    throw err;
  }
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
