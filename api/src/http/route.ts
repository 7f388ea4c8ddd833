import type { RequestHandler } from 'express';
import * as yup from 'yup';
import { pageQuery } from '@muster/shared/contract';
import { validateFields } from './validate-body.js';

/**
 * One route of the public API. Features export lists of these; app.ts mounts them, and each
 * must have its operation in the contract (shared/src/contract/): test/integration/foundation/contract.test.ts
 * fails for a route without one.
 */
export interface RouteSpec {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Express path, e.g. /api/v1/imports/:id */
  path: string;
  handlers: RequestHandler[];
}

/** A query parameter given once, or undefined; a repeated one is a client mistake (400). */
export function queryText(query: Record<string, unknown>, name: string): string | undefined {
  return validateFields(yup.object({ [name]: yup.string() }), query)[name];
}

const PAGE_QUERY = yup.object(pageQuery);

/**
 * Cursor pagination: `limit` (1..200, default 50) and an opaque `cursor` (the last id seen), as
 * the contract's `pageQuery` says. Values outside that answer 400 naming the parameter rather than
 * being quietly changed: a client that asked for 500 rows should learn that it gets at most 200.
 * (A route whose operation has a query schema reads it whole with validateFields instead.)
 */
export function pageParams(query: Record<string, unknown>): { limit: number; cursor?: string | undefined } {
  return validateFields(PAGE_QUERY, query);
}
