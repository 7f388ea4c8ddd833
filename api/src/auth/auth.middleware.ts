import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { LRUCache } from 'lru-cache';
import { Types } from 'mongoose';
import { forbidden, notFound, unauthorized, type AuthConfig } from '@muster/shared';
import { badRequest, verifyToken, type Principal, type PrincipalRole } from './principal.js';

declare module 'express-serve-static-core' {
  interface Locals {
    principal: Principal;
  }
}

const VERIFIED_TOKENS_KEPT = 10_000;
const VERIFIED_TOKEN_MS = 60_000;

/**
 * Every /api/v1 call: `Authorization: Bearer <JWT>`; 401 when missing, invalid or expired.
 * A token that verified is remembered for a minute (never past its expiry): a page polling an
 * import several times a second would otherwise pay a signature check on every request.
 */
export function authenticate(auth: AuthConfig): RequestHandler {
  const verified = new LRUCache<string, Principal>({ max: VERIFIED_TOKENS_KEPT, ttl: VERIFIED_TOKEN_MS });
  return async (req: Request, res: Response, next: NextFunction) => {
    const header = req.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw unauthorized('Sign in first: this request has no sign-in token.');
    const token = match[1]!;
    const known = verified.get(token);
    if (known) {
      res.locals.principal = known;
      return next();
    }
    const principal = await verifyToken(auth, token);
    const validForMs = lastValidMs(token, auth.maxAgeSeconds) - Date.now();
    verified.set(token, principal, { ttl: Math.max(1, Math.min(VERIFIED_TOKEN_MS, validForMs)) });
    res.locals.principal = principal;
    next();
  };
}

/** When a token that has already been verified stops being valid: its `exp`, or its maximum age. */
function lastValidMs(token: string, maxAgeSeconds: number): number {
  const payload = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { exp: number; iat: number };
  return Math.min(payload.exp, payload.iat + maxAgeSeconds) * 1000;
}

/** 403 unless the caller has one of these roles (support may do everything). */
export function allow(...roles: PrincipalRole[]): RequestHandler {
  return (_req, res, next) => {
    const { role } = res.locals.principal;
    if (role !== 'support' && !roles.includes(role)) throw forbidden();
    next();
  };
}

/**
 * The account a collection request works on: always the token's account; support staff name
 * one with `?accountId=`. Never taken from a body field or a CSV column.
 */
export function accountIdFor(req: Request, res: Response): Types.ObjectId {
  const principal = res.locals.principal;
  if (principal.role !== 'support') return new Types.ObjectId(principal.accountId);
  const requested = typeof req.query.accountId === 'string' ? req.query.accountId : undefined;
  if (!requested) throw badRequest('ACCOUNT_REQUIRED', 'Support staff must name the account with ?accountId=.');
  if (!Types.ObjectId.isValid(requested)) throw notFound('The account');
  return new Types.ObjectId(requested);
}

/** Whether the caller may see a resource of this account (404, not 403, for another account). */
export function canSeeAccount(principal: Principal, accountId: unknown): boolean {
  return principal.role === 'support' || String(accountId) === principal.accountId;
}

/** An id from the path, or 404 when it cannot be one of ours. */
export function objectIdParam(value: unknown, what: string): Types.ObjectId {
  if (typeof value !== 'string' || !/^[0-9a-f]{24}$/i.test(value)) throw notFound(what);
  return new Types.ObjectId(value);
}
