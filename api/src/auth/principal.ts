import { Types } from 'mongoose';
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { AppError, unauthorized } from '@muster/shared';

export const PRINCIPAL_ROLES = ['account_owner', 'manager', 'user', 'support'] as const;
export type PrincipalRole = (typeof PRINCIPAL_ROLES)[number];

/** Who is calling, from the bearer token. `accountId` is absent only for support staff. */
export interface Principal {
  sub: string;
  role: PrincipalRole;
  accountId?: string;
}

const key = (secret: string) => new TextEncoder().encode(secret);

/** Signs a token (for `npm run token`, the demo and tests). */
export async function signToken(secret: string, principal: Principal, expiresIn: string | number = '12h'): Promise<string> {
  const claims: Record<string, unknown> = { role: principal.role };
  if (principal.accountId) claims.accountId = principal.accountId;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(principal.sub)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(key(secret));
}

/** Verifies an HS256 token (no other algorithm, `exp` required) and returns its principal. */
export async function verifyToken(secret: string, token: string): Promise<Principal> {
  let payload;
  try {
    ({ payload } = await jwtVerify(token, key(secret), { algorithms: ['HS256'], requiredClaims: ['exp', 'sub'] }));
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) throw unauthorized('Your session has expired. Sign in again.');
    throw unauthorized('Your sign-in token is not valid. Sign in again.');
  }
  const role = payload.role as PrincipalRole;
  if (!PRINCIPAL_ROLES.includes(role)) throw unauthorized('Your sign-in token has no valid role.');
  const accountId = payload.accountId;
  if (role !== 'support' && (typeof accountId !== 'string' || !Types.ObjectId.isValid(accountId))) {
    throw unauthorized('Your sign-in token names no account.');
  }
  return { sub: payload.sub!, role, ...(role !== 'support' ? { accountId: accountId as string } : {}) };
}

export const badRequest = (code: string, message: string) => new AppError(code, message, 400);
