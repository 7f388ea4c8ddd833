import { createHash } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import type { AuthConfig } from '@muster/shared';

/** How long a dashboard session lasts; the support token it was made from may live far longer. */
export const DASHBOARD_SESSION_SECONDS = 30 * 60;

// A key of its own (derived from the JWT secret), so a session cookie is never a valid API token
// and an API token is never a valid session cookie.
const sessionKey = (auth: AuthConfig) => createHash('sha256').update(`muster dashboard session\0${auth.jwtSecret}`).digest();

/** A short-lived session for the queue dashboard only, for the support person `sub`. */
export function createDashboardSession(auth: AuthConfig, sub: string): Promise<string> {
  return new SignJWT({ scope: 'dashboard' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime(`${DASHBOARD_SESSION_SECONDS}s`)
    .sign(sessionKey(auth));
}

/** Whether this cookie value is a current dashboard session. */
export async function isDashboardSession(auth: AuthConfig, value: string): Promise<boolean> {
  try {
    const { payload } = await jwtVerify(value, sessionKey(auth), { algorithms: ['HS256'], requiredClaims: ['exp', 'iat', 'sub'] });
    return payload.scope === 'dashboard';
  } catch {
    return false;
  }
}
