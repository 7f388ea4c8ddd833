const KEY = 'muster.token';

/**
 * The sign-in token arrives once in the URL fragment (#token=...); we keep it in session storage
 * and take it out of the address bar so it is not bookmarked or shared by accident.
 * Returns the link's token (account-switch.ts decides whether to keep it).
 */
export function linkToken(): string | null {
  const match = /(?:^#|&)token=([^&]+)/.exec(location.hash);
  if (!match) return null;
  history.replaceState(null, '', `${location.pathname}#/users`);
  return decodeURIComponent(match[1]!);
}

export const storeToken = (t: string) => sessionStorage.setItem(KEY, t);
export const token = () => sessionStorage.getItem(KEY);

export type Claims = { sub?: string; accountId?: string; role?: string; exp?: number };

/** Reads a token's claims (for display only; the server checks the token). */
export function claimsOf(t: string): Claims | null {
  try {
    return JSON.parse(atob(t.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/')));
  } catch {
    return null;
  }
}

/** The signed-in token's claims. */
export function tokenClaims(): Claims | null {
  const t = token();
  return t ? claimsOf(t) : null;
}
