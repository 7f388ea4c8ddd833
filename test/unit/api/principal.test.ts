import { expect } from 'chai';
import { SignJWT } from 'jose';
import type { AuthConfig } from '@muster/shared';
import { signToken, verifyToken } from '../../../api/src/auth/principal.js';

const base: AuthConfig = { jwtSecret: 'f00d'.repeat(16), issuer: undefined, audience: undefined, maxAgeSeconds: 24 * 3600 };
const owner = { sub: 'ada', role: 'account_owner' as const, accountId: '64b000000000000000000001' };
const now = () => Math.floor(Date.now() / 1000);

async function refusal(auth: AuthConfig, token: string): Promise<string> {
  try {
    await verifyToken(auth, token);
  } catch (error) {
    return (error as { status: number }).status === 401 ? 'refused' : String(error);
  }
  return 'accepted';
}

describe('sign-in tokens', () => {
  it('accepts a token it signed and returns its principal', async () => {
    expect(await verifyToken(base, await signToken(base, owner))).to.deep.equal(owner);
  });

  it("names the person by the token's name claim, else its email claim, else not at all", async () => {
    expect(await verifyToken(base, await signToken(base, { ...owner, name: ' Ada Lovelace ' }))).to.deep.equal({ ...owner, name: 'Ada Lovelace' });
    const withEmail = await new SignJWT({ role: 'account_owner', accountId: owner.accountId, email: 'ada@example.com', name: '  ' })
      .setProtectedHeader({ alg: 'HS256' }).setSubject('ada').setIssuedAt().setExpirationTime('1h').sign(new TextEncoder().encode(base.jwtSecret));
    expect((await verifyToken(base, withEmail)).name).to.equal('ada@example.com');
    expect(await verifyToken(base, await signToken(base, owner))).to.not.have.property('name');
  });

  it('refuses a token issued longer ago than the maximum age, even when it has not expired', async () => {
    const old = await signToken(base, owner, now() + 3600, now() - 25 * 3600);
    expect(await refusal(base, old)).to.equal('refused');
    expect(await refusal({ ...base, maxAgeSeconds: 26 * 3600 }, old)).to.equal('accepted');
  });

  it('refuses a token without iat', async () => {
    const token = await new SignJWT({ role: 'support' }).setProtectedHeader({ alg: 'HS256' }).setSubject('x').setExpirationTime('1h').sign(new TextEncoder().encode(base.jwtSecret));
    expect(await refusal(base, token)).to.equal('refused');
  });

  it('checks issuer and audience when they are configured', async () => {
    const strict: AuthConfig = { ...base, issuer: 'https://id.example', audience: 'muster' };
    expect(await refusal(strict, await signToken(base, owner))).to.equal('refused');
    expect(await refusal(strict, await signToken({ ...strict, audience: 'another-app' }, owner))).to.equal('refused');
    expect(await refusal(strict, await signToken({ ...strict, issuer: 'https://evil.example' }, owner))).to.equal('refused');
    expect(await refusal(strict, await signToken(strict, owner))).to.equal('accepted');
  });
});
