import type { Redis } from 'ioredis';
import type { Connection } from 'mongoose';
import { pingMongo, type Storage } from '@muster/shared';
import type { ReadinessCheck } from './health.routes.js';

/** The checks behind /readyz: each dependency the API cannot serve without. */
export function readinessChecks(redis: Redis, mongo: Connection, storage: Storage): ReadinessCheck[] {
  return [
    { name: 'redis', check: async () => void (await redis.ping()) },
    { name: 'mongodb', check: () => pingMongo(mongo) },
    { name: 's3', check: () => storage.ping() },
  ];
}
