import { Types } from 'mongoose';
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { AppError, unauthorized, type AuthConfig } from '@muster/shared';

export const PRINCIPAL_ROLES = ['account_owner', 'manager', 'user', 'support'] as const;
export type PrincipalRole = (typeof PRINCIPAL_ROLES)[number];

/** Who is calling, from the bearer token. `accountId` is absent only for support staff. */
export interface Principal {
  sub: string;
  role: PrincipalRole;
  accountId?: string;
  /** How to name the person to others: the token's `name` claim, else its `email`; absent when it has neither. */
  name?: string;
}

/** The person's name from a token's claims: `name`, else `email` (trimmed, at most 200 characters). */
export function personName(claims: Record<string, unknown>): string | undefined {
  for (const claim of [claims.name, claims.email]) {
    if (typeof claim === 'string' && claim.trim()) return claim.trim().slice(0, 200);
  }
  return undefined;
}

const key = (secret: string) => new TextEncoder().encode(secret);

/** Signs a token (for `npm run token`, the demo and tests), with the configured issuer and audience. */
export async function signToken(auth: AuthConfig, principal: Principal, expiresIn: string | number = '12h', issuedAt?: number): Promise<string> {
  const claims: Record<string, unknown> = { role: principal.role };
  if (principal.accountId) claims.accountId = principal.accountId;
  if (principal.name) claims.name = principal.name;
  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(principal.sub)
    .setIssuedAt(issuedAt)
    .setExpirationTime(expiresIn);
  if (auth.issuer) jwt.setIssuer(auth.issuer);
  if (auth.audience) jwt.setAudience(auth.audience);
  return jwt.sign(key(auth.jwtSecret));
}

/**
 * Verifies an HS256 token (no other algorithm; `exp`, `iat` and `sub` required; no older than the
 * configured maximum age, whatever its `exp`; issuer and audience when configured) and returns
 * its principal.
 */
export async function verifyToken(auth: AuthConfig, token: string): Promise<Principal> {
  let payload;
  try {
    ({ payload } = await jwtVerify(token, key(auth.jwtSecret), {
      algorithms: ['HS256'],
      requiredClaims: ['exp', 'iat', 'sub'],
      maxTokenAge: auth.maxAgeSeconds,
      ...(auth.issuer ? { issuer: auth.issuer } : {}),
      ...(auth.audience ? { audience: auth.audience } : {}),
    }));
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
  const name = personName(payload);
  return { sub: payload.sub!, role, ...(role !== 'support' ? { accountId: accountId as string } : {}), ...(name ? { name } : {}) };
}

export const badRequest = (code: string, message: string) => new AppError(code, message, 400);
