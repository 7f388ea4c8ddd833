import type { RequestHandler } from 'express';
import { AppError } from '@muster/shared';

/**
 * One route of the public API. Features export lists of these; app.ts mounts them and the
 * OpenAPI test checks that every one is described (and nothing else is).
 */
export interface RouteSpec {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Express path, e.g. /api/v1/imports/:id */
  path: string;
  handlers: RequestHandler[];
}

const invalid = (message: string) => new AppError('INVALID_REQUEST', message, 400);

/** A query parameter given once, or undefined; a repeated one is a client mistake (400). */
export function queryText(query: Record<string, unknown>, name: string): string | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalid(`${name} may be given only once.`);
  return value;
}

/**
 * Cursor pagination: `limit` (1..200, default 50) and an opaque `cursor` (the last id seen).
 * Values outside that answer 400 naming the parameter rather than being quietly changed: a
 * client that asked for 500 rows should learn that it gets at most 200.
 */
export function pageParams(query: Record<string, unknown>): { limit: number; cursor: string | undefined } {
  const rawLimit = queryText(query, 'limit');
  const limit = rawLimit === undefined ? 50 : Number(rawLimit);
  if (!/^\d+$/.test(rawLimit ?? '50') || limit < 1 || limit > 200) throw invalid('limit must be a whole number from 1 to 200.');
  const cursor = queryText(query, 'cursor');
  if (cursor !== undefined && !/^[0-9a-f]{24}$/i.test(cursor)) throw invalid('cursor is not one this API gave out: use the nextCursor of the previous page.');
  return { limit, cursor };
}
