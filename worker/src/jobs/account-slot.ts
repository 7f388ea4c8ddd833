import type { Redis } from 'ioredis';

const SLOT_TTL_MS = 15_000;
// Compare-and-delete / compare-and-extend: only the holder may release or renew its slot.
const RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";
const RENEW = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";

/**
 * Per-account fairness: an account may run at most `limit` imports at once, across all workers.
 * A slot is a Redis key with a lease that the holder renews while it works; a worker that dies
 * leaves a slot that expires within 15 seconds. Returns a release function, or null when the
 * account's slots are all taken (the job then waits and tries again, without using an attempt).
 */
export async function takeAccountSlot(redis: Redis, prefix: string, accountId: string, holder: string, limit: number): Promise<(() => Promise<void>) | null> {
  for (let i = 0; i < limit; i++) {
    const key = `${prefix}:account-slot:${accountId}:${i}`;
    if ((await redis.set(key, holder, 'PX', SLOT_TTL_MS, 'NX')) !== 'OK' && (await redis.get(key)) !== holder) continue;
    const renew = setInterval(() => void redis.eval(RENEW, 1, key, holder, SLOT_TTL_MS).catch(() => undefined), SLOT_TTL_MS / 3);
    renew.unref();
    return async () => {
      clearInterval(renew);
      await redis.eval(RELEASE, 1, key, holder).catch(() => undefined);
    };
  }
  return null;
}
