import { randomBytes } from 'node:crypto';

/**
 * One typed, validated view of the environment. Both processes call `loadConfig(process.env)` once
 * at start; a bad value stops the process with a message that names the variable.
 */
export interface Config {
  env: 'development' | 'test' | 'production';
  port: number;
  logLevel: string;
  redis: { url: string; queuePrefix: string };
  mongo: {
    url: string;
    /** Connections per process; FerretDB on PostgreSQL stalls under many concurrent writes. */
    maxPoolSize: number;
    /**
     * The PostgreSQL database under a local FerretDB, where the models' indexes are mirrored in a
     * form FerretDB's queries can use; undefined on real MongoDB (production).
     */
    ferretdbPostgresUrl: string | undefined;
  };
  s3: {
    endpoint: string | undefined;
    region: string;
    bucket: string;
    accessKeyId: string;
    secretAccessKey: string;
    /** Prepended to every object key, so test runs and environments can share a bucket. */
    keyPrefix: string;
    forcePathStyle: boolean;
  };
  auth: AuthConfig;
  /** A bearer token Prometheus sends for /metrics (support tokens work too); none when unset. */
  metricsToken: string | undefined;
  limits: {
    maxUploadMb: number;
    /** Rows written to MongoDB in one batch. */
    batchSize: number;
    workerConcurrency: number;
    /** How often each worker looks for imports whose job was lost. */
    recoveryIntervalMs: number;
    /** How long a running import may go without a progress write before it counts as stuck. */
    recoveryStaleMs: number;
    /** Imports of one account that may run at once (so one big import cannot starve others). */
    perAccountConcurrency: number;
    /** Uploads allowed per account and per client IP in one minute (429 beyond). */
    uploadsPerAccountPerMinute: number;
    uploadsPerIpPerMinute: number;
    /** BullMQ lock on a running job; a worker that dies is noticed once it expires. */
    workerLockMs: number;
    /** How often workers look for jobs whose worker died. */
    stalledIntervalMs: number;
    /** Days uploaded files and error logs are kept; the import records stay. */
    retentionDays: number;
    /** Days a checked (validated) import may wait to be started before it is discarded (cancelled). */
    discardCheckedAfterDays: number;
    /** How long the API may serve an import's status from memory (0: read it every time). */
    statusCacheMs: number;
  };
}

/** How bearer tokens are signed and which ones are accepted. */
export interface AuthConfig {
  /** HS256 key. Outside development and test it must be given; there is no built-in value. */
  jwtSecret: string;
  /** When set, tokens must carry this `iss` (and are signed with it). */
  issuer: string | undefined;
  /** When set, tokens must carry this `aud` (and are signed with it). */
  audience: string | undefined;
  /** Tokens issued (`iat`) longer ago than this are refused, whatever their `exp` says. */
  maxAgeSeconds: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

/** The local S3 gateway's fixed credentials (scripts/services.sh): fine on a laptop, never in production. */
export const LOCAL_S3_ACCESS_KEY_ID = 'muster-local';
export const LOCAL_S3_SECRET_ACCESS_KEY = 'muster-local-secret';

function str(env: Env, name: string, fallback?: string): string {
  const value = env[name]?.trim();
  if (value) return value;
  if (fallback !== undefined) return fallback;
  throw new ConfigError(`${name} is required`);
}

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
  }
  return value;
}

function url(env: Env, name: string, fallback: string | undefined, protocols: string[]): string {
  const value = fallback === undefined && !env[name] ? undefined : str(env, name, fallback);
  if (value === undefined) return '';
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new ConfigError(`${name} is not a valid URL (got "${value}")`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(`${name} must start with ${protocols.map((p) => `${p}//`).join(' or ')} (got "${value}")`);
  }
  return value;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
  }
  return raw as T;
}

/** Parses and validates the environment; throws ConfigError naming the first bad variable. */
export function loadConfig(env: Env = process.env): Config {
  const nodeEnv = oneOf(env, 'NODE_ENV', ['development', 'test', 'production'] as const, 'development');
  const auth = authConfig(env, nodeEnv);
  const endpoint = url(env, 'S3_ENDPOINT', nodeEnv === 'production' ? undefined : 'http://127.0.0.1:7070', ['http:', 'https:']);
  const keyPrefix = str(env, 'S3_KEY_PREFIX', '');
  if (keyPrefix && !/^[A-Za-z0-9._\-/]+$/.test(keyPrefix)) {
    throw new ConfigError(`S3_KEY_PREFIX may hold only letters, digits and . _ - / (got "${keyPrefix}")`);
  }
  const queuePrefix = str(env, 'QUEUE_PREFIX', 'muster');
  if (!/^[A-Za-z0-9_-]+$/.test(queuePrefix)) {
    throw new ConfigError(`QUEUE_PREFIX may hold only letters, digits, _ and - (got "${queuePrefix}")`);
  }
  return {
    env: nodeEnv,
    port: int(env, 'PORT', 3000, 0, 65535),
    logLevel: oneOf(env, 'LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info'),
    redis: { url: url(env, 'REDIS_URL', 'redis://127.0.0.1:6379', ['redis:', 'rediss:']), queuePrefix },
    mongo: {
      url: url(env, 'MONGO_URL', 'mongodb://127.0.0.1:27017/muster', ['mongodb:', 'mongodb+srv:']),
      maxPoolSize: int(env, 'MONGO_MAX_POOL_SIZE', 20, 1, 1000),
      ferretdbPostgresUrl: ferretdbPostgresUrl(env, nodeEnv),
    },
    s3: {
      endpoint: endpoint || undefined,
      region: str(env, 'S3_REGION', 'us-east-1'),
      bucket: str(env, 'S3_BUCKET', 'muster-imports'),
      ...s3Credentials(env, nodeEnv),
      keyPrefix: keyPrefix && !keyPrefix.endsWith('/') ? `${keyPrefix}/` : keyPrefix,
      // Gateways such as versitygw and MinIO want path-style URLs; AWS S3 takes either.
      forcePathStyle: oneOf(env, 'S3_FORCE_PATH_STYLE', ['true', 'false'] as const, 'true') === 'true',
    },
    auth,
    metricsToken: metricsToken(env),
    limits: {
      maxUploadMb: int(env, 'MAX_UPLOAD_MB', 150, 1, 2048),
      batchSize: int(env, 'IMPORT_BATCH_SIZE', 1000, 1, 10000),
      workerConcurrency: int(env, 'WORKER_CONCURRENCY', 2, 1, 64),
      recoveryIntervalMs: int(env, 'RECOVERY_INTERVAL_MS', 120_000, 100, 86_400_000),
      recoveryStaleMs: int(env, 'RECOVERY_STALE_MS', 120_000, 0, 86_400_000),
      perAccountConcurrency: int(env, 'PER_ACCOUNT_CONCURRENCY', 1, 1, 64),
      retentionDays: int(env, 'RETENTION_DAYS', 30, 1, 3650),
      discardCheckedAfterDays: int(env, 'DISCARD_CHECKED_AFTER_DAYS', 7, 1, 3650),
      statusCacheMs: int(env, 'STATUS_CACHE_MS', 500, 0, 10_000),
      uploadsPerAccountPerMinute: int(env, 'UPLOADS_PER_ACCOUNT_PER_MINUTE', 20, 1, 100_000),
      uploadsPerIpPerMinute: int(env, 'UPLOADS_PER_IP_PER_MINUTE', 60, 1, 100_000),
      workerLockMs: int(env, 'WORKER_LOCK_MS', 30_000, 1000, 600_000),
      stalledIntervalMs: int(env, 'WORKER_STALLED_INTERVAL_MS', 30_000, 500, 600_000),
    },
  };
}

/**
 * FERRETDB_POSTGRESQL_URL: the local services' database by default outside production, `none`
 * (or an empty value) when MONGO_URL is real MongoDB.
 */
function ferretdbPostgresUrl(env: Env, nodeEnv: Config['env']): string | undefined {
  const value = env.FERRETDB_POSTGRESQL_URL?.trim();
  if (value === 'none' || value === '') return undefined;
  if (value === undefined) return nodeEnv === 'production' ? undefined : 'postgres://root@127.0.0.1:5432/muster';
  return url(env, 'FERRETDB_POSTGRESQL_URL', undefined, ['postgres:', 'postgresql:']);
}

/**
 * The token settings. A missing secret stops the process unless NODE_ENV says, explicitly,
 * development or test (an unset NODE_ENV is what a careless deployment runs): then a random one
 * is made for this process alone, so no secret that anyone could read in the source ever signs
 * tokens. `npm start` and `npm run token` keep a generated one under .data/ instead.
 */
function authConfig(env: Env, nodeEnv: Config['env']): AuthConfig {
  const explicitlyLocal = env.NODE_ENV?.trim() === 'development' || env.NODE_ENV?.trim() === 'test';
  const given = env.AUTH_JWT_SECRET?.trim();
  if (!given && !explicitlyLocal) {
    throw new ConfigError(
      'AUTH_JWT_SECRET is required: set it to a private random value of 32+ characters (`npm start` makes one for you), or run with NODE_ENV=development',
    );
  }
  const jwtSecret = given || randomBytes(32).toString('hex');
  if (nodeEnv === 'production' && (jwtSecret.length < 32 || /^(.)\1*$/.test(jwtSecret))) {
    throw new ConfigError('AUTH_JWT_SECRET must be a private random value of at least 32 characters in production (for example `openssl rand -hex 32`)');
  }
  return {
    jwtSecret,
    issuer: env.AUTH_JWT_ISSUER?.trim() || undefined,
    audience: env.AUTH_JWT_AUDIENCE?.trim() || undefined,
    maxAgeSeconds: int(env, 'AUTH_JWT_MAX_AGE_SECONDS', 24 * 3600, 60, 365 * 24 * 3600),
  };
}

/** S3 credentials: the local gateway's by default outside production, never in production. */
function s3Credentials(env: Env, nodeEnv: Config['env']): { accessKeyId: string; secretAccessKey: string } {
  const production = nodeEnv === 'production';
  const accessKeyId = str(env, 'S3_ACCESS_KEY_ID', production ? undefined : LOCAL_S3_ACCESS_KEY_ID);
  const secretAccessKey = str(env, 'S3_SECRET_ACCESS_KEY', production ? undefined : LOCAL_S3_SECRET_ACCESS_KEY);
  if (production && (accessKeyId === LOCAL_S3_ACCESS_KEY_ID || secretAccessKey === LOCAL_S3_SECRET_ACCESS_KEY)) {
    throw new ConfigError('S3_ACCESS_KEY_ID / S3_SECRET_ACCESS_KEY are the local gateway\'s published credentials; set private ones in production');
  }
  return { accessKeyId, secretAccessKey };
}

function metricsToken(env: Env): string | undefined {
  const token = env.METRICS_TOKEN?.trim();
  if (token && token.length < 32) throw new ConfigError('METRICS_TOKEN must be at least 32 characters (for example `openssl rand -hex 32`)');
  return token || undefined;
}
