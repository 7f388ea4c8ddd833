import type { RequestHandler } from 'express';

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

/** Cursor pagination: `limit` (1..200, default 50) and an opaque `cursor` (the last id seen). */
export function pageParams(query: Record<string, unknown>): { limit: number; cursor: string | undefined } {
  const raw = Number(query.limit ?? 50);
  const limit = Number.isInteger(raw) ? Math.min(200, Math.max(1, raw)) : 50;
  const cursor = typeof query.cursor === 'string' && /^[0-9a-f]{24}$/i.test(query.cursor) ? query.cursor : undefined;
  return { limit, cursor };
}
