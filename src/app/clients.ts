// AWS SDK v3 clients for a Config, created on first use. The SDK packages are imported with a
// dynamic import() inside each factory so that commands that never call AWS (and `--help`) do
// not pay for loading the SDK.
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { GlacierClient } from "@aws-sdk/client-glacier";
import type { IAMClient } from "@aws-sdk/client-iam";
import type { LambdaClient } from "@aws-sdk/client-lambda";
import type { S3Client } from "@aws-sdk/client-s3";
import type { SFNClient } from "@aws-sdk/client-sfn";
import type { STSClient } from "@aws-sdk/client-sts";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";
import type { Config } from "./config.js";

/** The keys the local engine accepts (it checks the signature's shape, not the secret). */
export const LOCAL_CREDENTIALS: AwsCredentialIdentity = {
  accessKeyId: "test",
  secretAccessKey: "test",
};

export interface Clients {
  readonly config: Config;
  sfn(): Promise<SFNClient>;
  dynamodb(): Promise<DynamoDBClient>;
  /** DynamoDB with plain JS values in and out (undefined values are dropped). */
  documentClient(): Promise<DynamoDBDocumentClient>;
  s3(): Promise<S3Client>;
  glacier(): Promise<GlacierClient>;
  lambda(): Promise<LambdaClient>;
  iam(): Promise<IAMClient>;
  sts(): Promise<STSClient>;
  /** Releases the clients' sockets. */
  destroy(): void;
}

/** The configuration every client shares. */
export interface BaseClientConfig {
  region: string;
  endpoint?: string;
  profile?: string;
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
}

/**
 * For an endpoint target: the default credential chain, and the dummy keys when it finds nothing
 * (LocalStack and a remote contabanco accept any key). The chain is taken from a client built
 * without credentials, whose resolved config carries the SDK's default provider.
 */
async function endpointCredentials(config: Config): Promise<AwsCredentialIdentityProvider> {
  const { STSClient } = await import("@aws-sdk/client-sts");
  const probe = new STSClient({ region: config.region, profile: config.profile });
  const chain = probe.config.credentials;
  let found: Promise<AwsCredentialIdentity> | undefined;
  return () => {
    found ??= chain().catch(() => LOCAL_CREDENTIALS);
    return found;
  };
}

/** The shared client configuration for a target. */
export async function baseClientConfig(config: Config): Promise<BaseClientConfig> {
  switch (config.target) {
    case "local":
      return { region: config.region, endpoint: config.endpoint, credentials: LOCAL_CREDENTIALS };
    case "endpoint":
      return {
        region: config.region,
        endpoint: config.endpoint,
        credentials: await endpointCredentials(config),
      };
    case "aws":
      return { region: config.region, profile: config.profile };
  }
}

/** Lazily-created clients for one Config; each client is built once. */
export function createClients(config: Config): Clients {
  let base: Promise<BaseClientConfig> | undefined;
  const shared = () => {
    base ??= baseClientConfig(config);
    return base;
  };
  const made: { destroy(): void }[] = [];
  const cache = new Map<string, Promise<unknown>>();
  function lazy<T extends { destroy(): void }>(
    key: string,
    make: (b: BaseClientConfig) => Promise<T>,
  ) {
    return (): Promise<T> => {
      let client = cache.get(key) as Promise<T> | undefined;
      if (!client) {
        client = shared()
          .then(make)
          .then((c) => {
            made.push(c);
            return c;
          });
        cache.set(key, client);
      }
      return client;
    };
  }

  const dynamodb = lazy("dynamodb", async (b) => {
    const { DynamoDBClient } = await import("./clients-dynamodb.js");
    return new DynamoDBClient(b);
  });

  return {
    config,
    // StartSyncExecution carries the endpoint trait `sync-`: the SDK would send it to
    // `sync-127.0.0.1`, which does not resolve. A custom endpoint serves every operation on its
    // own host, so the prefix is turned off there (it stays on for the real AWS endpoints).
    sfn: lazy(
      "sfn",
      async (b) =>
        new (await import("@aws-sdk/client-sfn")).SFNClient({
          ...b,
          ...(b.endpoint !== undefined ? { disableHostPrefix: true } : {}),
        }),
    ),
    dynamodb,
    documentClient: lazy("documentClient", async () => {
      const { DynamoDBDocumentClient } = await import("@aws-sdk/lib-dynamodb");
      return DynamoDBDocumentClient.from(await dynamodb(), {
        marshallOptions: { removeUndefinedValues: true },
      });
    }),
    // A custom endpoint cannot serve virtual-hosted bucket names: use path-style addressing.
    s3: lazy(
      "s3",
      async (b) =>
        new (await import("@aws-sdk/client-s3")).S3Client({
          ...b,
          forcePathStyle: b.endpoint !== undefined,
        }),
    ),
    glacier: lazy(
      "glacier",
      async (b) => new (await import("@aws-sdk/client-glacier")).GlacierClient(b),
    ),
    lambda: lazy(
      "lambda",
      async (b) => new (await import("@aws-sdk/client-lambda")).LambdaClient(b),
    ),
    iam: lazy("iam", async (b) => new (await import("@aws-sdk/client-iam")).IAMClient(b)),
    sts: lazy("sts", async (b) => new (await import("@aws-sdk/client-sts")).STSClient(b)),
    destroy() {
      for (const client of made.splice(0)) client.destroy();
    },
  };
}
