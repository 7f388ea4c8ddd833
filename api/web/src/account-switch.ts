import { h } from './dom.ts';
import { linkToken, storeToken, token, claimsOf } from './session.ts';

/** Reads an account's name with a given token (the id when it cannot be read). */
async function accountName(bearer: string, accountId: string): Promise<string> {
  const res = await fetch(`/api/v1/accounts/${accountId}`, { headers: { authorization: `Bearer ${bearer}` } }).catch(() => null);
  const body = res?.ok ? ((await res.json()) as { name?: string }) : null;
  return body?.name ?? accountId;
}

/**
 * A #token= link is taken at once, unless it is for a different account than the session's: then
 * the person is asked before switching, so a link from another account cannot swap it silently.
 */
export async function acceptLinkToken(): Promise<void> {
  const next = linkToken();
  if (!next) return;
  const current = token();
  const from = current ? claimsOf(current)?.accountId : undefined;
  const to = claimsOf(next)?.accountId;
  if (current && from && to && from !== to) {
    const [fromName, toName] = await Promise.all([accountName(current, from), accountName(next, to)]);
    if (!confirm(`This link signs you in to the account "${toName}". You are signed in to "${fromName}". Switch to "${toName}"?`)) return;
  }
  storeToken(next);
}

/** Shows which account the page is signed in to, in the header. */
export async function showAccount(): Promise<void> {
  const t = token();
  const claims = t ? claimsOf(t) : null;
  const id = claims?.accountId;
  const slot = document.getElementById('signed-in-account');
  // An expired session is explained by the page; asking the API would only be refused.
  if (!t || !id || !slot || (claims.exp && claims.exp * 1000 < Date.now())) return;
  // The name only; the id (what support asks for) is in the tooltip.
  slot.replaceChildren(h('span', { class: 'muted' }, 'Account: '), h('strong', { title: `Account id ${id}`, 'data-account-id': id }, await accountName(t, id)));
}
