import { Redis, type RedisOptions } from 'ioredis';

/**
 * The API is a producer: when Redis is down it must answer 503 at once, so its connection does
 * not queue commands while offline and gives up on a command after one retry.
 */
export function createProducerConnection(url: string): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    connectTimeout: 2000,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  } satisfies RedisOptions);
}

/**
 * The worker is a consumer: when Redis is down it waits and carries on when Redis is back
 * (BullMQ requires maxRetriesPerRequest: null for blocking connections).
 */
export function createWorkerConnection(url: string): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: null,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  } satisfies RedisOptions);
}
