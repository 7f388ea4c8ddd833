import type { RequestHandler } from 'express';
import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError } from '@muster/shared';

export interface UploadRateLimits {
  perAccountPerMinute: number;
  perIpPerMinute: number;
}

/**
 * Limits uploads per account and per client IP with one-minute windows counted in Redis
 * (rate-limiter-flexible, under the environment's key prefix), so every API instance shares the
 * same counts. Over the limit: 429 with Retry-After. Redis down or not answering: the upload goes
 * on, and answers 503 itself.
 */
export function uploadRateLimit(redis: () => Promise<Redis>, prefix: string, limits: UploadRateLimits, accountOf: (res: Parameters<RequestHandler>[1]) => string): RequestHandler {
  let made: { client: Redis; byAccount: RateLimiterRedis; byIp: RateLimiterRedis } | undefined;
  const limiterOn = (client: Redis, who: string, points: number) =>
    new RateLimiterRedis({ storeClient: client, keyPrefix: `${prefix}:rate:upload:${who}`, points, duration: 60 });
  return async (req, res, next) => {
    let client: Redis;
    try {
      client = await redis();
    } catch {
      return next(); // no Redis: the upload itself answers 503
    }
    if (made?.client !== client) {
      made = { client, byAccount: limiterOn(client, 'account', limits.perAccountPerMinute), byIp: limiterOn(client, 'ip', limits.perIpPerMinute) };
    }
    const checks = [[made.byAccount, accountOf(res), 'this account'], [made.byIp, req.ip ?? 'unknown', 'your network address']] as const;
    for (const [limiter, key, words] of checks) {
      const refused = await limiter.consume(key).then(
        () => undefined,
        (answer: unknown) => (answer instanceof RateLimiterRes ? answer : undefined), // an Error: Redis did not answer
      );
      if (refused) {
        const retryAfter = Math.max(1, Math.ceil(refused.msBeforeNext / 1000));
        res.setHeader('Retry-After', String(retryAfter));
        throw new AppError('TOO_MANY_UPLOADS', `Too many uploads from ${words}: at most ${limiter.points} a minute. Try again in ${retryAfter} seconds.`, 429);
      }
    }
    next();
  };
}
