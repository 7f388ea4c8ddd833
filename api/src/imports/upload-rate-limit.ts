import type { RequestHandler } from 'express';
import type { Redis } from 'ioredis';
import { AppError } from '@muster/shared';

export interface UploadRateLimits {
  perAccountPerMinute: number;
  perIpPerMinute: number;
}

const WINDOW_MS = 60_000;

/**
 * Limits uploads per account and per client IP with fixed one-minute windows counted in Redis,
 * so every API instance shares the same counts. Over the limit: 429 with Retry-After.
 */
export function uploadRateLimit(redis: () => Promise<Redis>, prefix: string, limits: UploadRateLimits, accountOf: (res: Parameters<RequestHandler>[1]) => string): RequestHandler {
  return async (req, res, next) => {
    const window = Math.floor(Date.now() / WINDOW_MS);
    const retryAfter = Math.ceil(((window + 1) * WINDOW_MS - Date.now()) / 1000);
    const checks: [string, number, string][] = [
      [`account:${accountOf(res)}`, limits.perAccountPerMinute, 'this account'],
      [`ip:${req.ip ?? 'unknown'}`, limits.perIpPerMinute, 'your network address'],
    ];
    let client: Redis;
    try {
      client = await redis();
    } catch {
      return next(); // no Redis: the upload itself answers 503
    }
    for (const [who, limit, words] of checks) {
      const key = `${prefix}:rate:upload:${who}:${window}`;
      const count = await client
        .multi()
        .incr(key)
        .pexpire(key, WINDOW_MS)
        .exec()
        .then((r) => Number(r?.[0]?.[1] ?? 0))
        .catch(() => 0);
      if (count > limit) {
        res.setHeader('Retry-After', String(retryAfter));
        throw new AppError('TOO_MANY_UPLOADS', `Too many uploads from ${words}: at most ${limit} a minute. Try again in ${retryAfter} seconds.`, 429);
      }
    }
    next();
  };
}
