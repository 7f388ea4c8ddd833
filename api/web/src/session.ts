const KEY = 'muster.token';

/**
 * The sign-in token arrives once in the URL fragment (#token=...); we keep it in session storage
 * and take it out of the address bar so it is not bookmarked or shared by accident.
 */
export function takeTokenFromUrl(): void {
  const match = /(?:^#|&)token=([^&]+)/.exec(location.hash);
  if (!match) return;
  sessionStorage.setItem(KEY, decodeURIComponent(match[1]!));
  history.replaceState(null, '', `${location.pathname}#/users`);
}

export const token = () => sessionStorage.getItem(KEY);

/** Reads the account id out of the token (for display only; the server checks the token). */
export function tokenClaims(): { sub?: string; accountId?: string; role?: string; exp?: number } | null {
  const t = token();
  if (!t) return null;
  try {
    return JSON.parse(atob(t.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/')));
  } catch {
    return null;
  }
}
