import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  NotFound,
  S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { Readable } from 'node:stream';
import type { Config } from '../config.js';

/** What the rest of Muster knows about object storage: streams in, streams out, keys. */
export interface Storage {
  /** Streams `body` to `key` (multipart for large bodies); never buffers the whole object. */
  put(key: string, body: Readable | Buffer | string, contentType: string, signal?: AbortSignal): Promise<{ bytes: number }>;
  /** A stream of the object's bytes, or null when it does not exist. */
  get(key: string): Promise<{ body: Readable; bytes: number } | null>;
  exists(key: string): Promise<boolean>;
  delete(key: string): Promise<void>;
  list(prefix: string): Promise<string[]>;
  /** Throws when the bucket cannot be reached. */
  ping(signal?: AbortSignal): Promise<void>;
  ensureBucket(): Promise<void>;
  close(): void;
}

export function createS3Client(s3: Config['s3']): S3Client {
  // The SDK is pinned to a release that supports Node 20 (see README); its notice about later
  // releases needing Node 22 is known and would only add noise to every process start.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  return new S3Client({
    endpoint: s3.endpoint,
    region: s3.region,
    forcePathStyle: s3.forcePathStyle,
    credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
    // Some gateways do not support the newer default checksums on every request.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 3,
  });
}

function isMissing(error: unknown): boolean {
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return error instanceof NoSuchKey || error instanceof NotFound || status === 404;
}

export function createS3Storage(s3: Config['s3'], client = createS3Client(s3)): Storage {
  const Bucket = s3.bucket;
  const full = (key: string) => `${s3.keyPrefix}${key}`;

  return {
    async put(key, body, contentType, signal) {
      let bytes = 0;
      if (typeof body !== 'string' && !Buffer.isBuffer(body)) body.on('data', (chunk: Buffer) => (bytes += chunk.length));
      else bytes = Buffer.byteLength(body);
      const upload = new Upload({
        client,
        params: { Bucket, Key: full(key), Body: body, ContentType: contentType },
        queueSize: 2,
        partSize: 8 * 1024 * 1024,
        leavePartsOnError: false,
      });
      const abort = () => void upload.abort();
      signal?.addEventListener('abort', abort, { once: true });
      try {
        await upload.done();
      } finally {
        signal?.removeEventListener('abort', abort);
      }
      return { bytes };
    },

    async get(key) {
      try {
        const out = await client.send(new GetObjectCommand({ Bucket, Key: full(key) }));
        return { body: out.Body as Readable, bytes: out.ContentLength ?? 0 };
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },

    async exists(key) {
      try {
        await client.send(new HeadObjectCommand({ Bucket, Key: full(key) }));
        return true;
      } catch (error) {
        if (isMissing(error)) return false;
        throw error;
      }
    },

    async delete(key) {
      await client.send(new DeleteObjectCommand({ Bucket, Key: full(key) }));
    },

    async list(prefix) {
      const keys: string[] = [];
      let token: string | undefined;
      do {
        const out = await client.send(
          new ListObjectsV2Command({ Bucket, Prefix: full(prefix), ContinuationToken: token }),
        );
        for (const item of out.Contents ?? []) if (item.Key) keys.push(item.Key.slice(s3.keyPrefix.length));
        token = out.IsTruncated ? out.NextContinuationToken : undefined;
      } while (token);
      return keys;
    },

    async ping(signal) {
      await client.send(new HeadBucketCommand({ Bucket }), { abortSignal: signal });
    },

    async ensureBucket() {
      try {
        await client.send(new HeadBucketCommand({ Bucket }));
      } catch (error) {
        if (!isMissing(error)) throw error;
        await client.send(new CreateBucketCommand({ Bucket }));
      }
    },

    close() {
      client.destroy();
    },
  };
}
