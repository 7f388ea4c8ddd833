import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { signToken } from '../../api/src/auth/principal.js';
import { createAccount } from '../helpers/fixture-account.js';
import { ApiClient, HEADER, csv } from '../helpers/import-client.js';
import { useImportStack } from '../integration/imports/setup.js';
import { screenshot, useOwnerPage } from './browser.js';

const file = csv([HEADER, ['Ada', 'Lovelace', 'ada@example.com', '', 'User', '', 'False', 'False', 'False']]);
const SIZES = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
];

describe('Account Owner page: discard, banner, roles and the signed-in account (Chromium)', function () {
  this.timeout(90_000);
  const stack = useImportStack();
  const session = useOwnerPage(stack);

  async function open(size: (typeof SIZES)[number], claims: Parameters<typeof session.open>[0]): Promise<Page> {
    const page = await session.open(claims, { width: size.width, height: size.height });
    await page.getByRole('heading', { name: 'Users' }).waitFor();
    return page;
  }

  for (const size of SIZES) {
    it(`${size.name}: names each running import and its starter, shows the account, and discards a checked import`, async () => {
      const { accountId, owner } = session;
      const mine = await owner.uploadOk(file, { autoStart: 'false' });
      await owner.waitFor(mine.id, ['validated']);
      const colleague = await ApiClient.as(stack.api, { sub: 'colleague@acme', role: 'account_owner', accountId });
      const theirs = await colleague.uploadOk(file, { autoStart: 'false' });
      await colleague.waitFor(theirs.id, ['validated']);

      const page = await open(size, { sub: 'owner-1', role: 'account_owner', accountId });
      const account = (await owner.json<{ name: string }>('GET', `/api/v1/accounts/${accountId}`)).name;
      await page.locator('#signed-in-account').filter({ hasText: account }).waitFor();
      await page.getByText('Your import of people.csv is checked and waiting for you to import it.').waitFor();
      await page.getByText("colleague@acme's import of people.csv is checked and waiting to be imported.").waitFor();
      expect(await page.locator('.running-import').count()).to.equal(2);
      await screenshot(page, `flow-banner-${size.name}`);

      await page.goto(`${stack.api.baseUrl}/#/imports/${mine.id}`);
      page.once('dialog', (d) => void d.accept());
      await page.getByRole('button', { name: 'Discard the checked import of people.csv' }).click();
      await page.getByRole('heading', { name: 'This import was cancelled' }).waitFor();
      await screenshot(page, `flow-discarded-${size.name}`);
      const after = await owner.json<{ status: string; filesRemovedAt: string | null }>('GET', `/api/v1/imports/${mine.id}`);
      expect(after.status).to.equal('cancelled');
      expect(after.filesRemovedAt).to.be.a('string');

      // From History too.
      await page.goto(`${stack.api.baseUrl}/#/history`);
      page.once('dialog', (d) => void d.accept());
      await page.getByRole('button', { name: 'Discard the checked import of people.csv' }).click();
      await page.getByRole('heading', { name: 'Import history' }).waitFor();
      for (const until = Date.now() + 30_000; Date.now() < until; await new Promise((r) => setTimeout(r, 200))) {
        if ((await colleague.json<{ status: string }>('GET', `/api/v1/imports/${theirs.id}`)).status === 'cancelled') break;
      }
      expect((await colleague.json<{ status: string }>('GET', `/api/v1/imports/${theirs.id}`)).status).to.equal('cancelled');
      await page.getByRole('button', { name: /^Discard/ }).first().waitFor({ state: 'detached' });
      await screenshot(page, `flow-history-${size.name}`);
    });

    it(`${size.name}: a Manager is told only an Account Owner can add people`, async () => {
      const page = await open(size, { sub: 'manager-1', role: 'manager', accountId: session.accountId });
      const button = page.getByRole('button', { name: 'Add Multiple Users' });
      expect(await button.isDisabled()).to.equal(true);
      await page.getByText('Only an Account Owner can add people.').waitFor();
      expect(await page.getByRole('link', { name: 'Add Multiple Users' }).count()).to.equal(0);
      await screenshot(page, `flow-manager-${size.name}`);
      await page.goto(`${stack.api.baseUrl}/#/add`);
      await page.getByRole('heading', { name: 'Only an Account Owner can add people' }).waitFor();
    });

    it(`${size.name}: a link for another account asks before switching`, async () => {
      const first = session;
      const second = await createAccount(stack.api);
      const auth = stack.api.deps.config.auth;
      const page = await open(size, { sub: 'owner-1', role: 'account_owner', accountId: first.accountId });
      const other = await signToken(auth, { sub: 'owner-2', role: 'account_owner', accountId: second.accountId });
      const asked: string[] = [];
      // Declined: the session stays on the first account.
      page.once('dialog', (d) => {
        asked.push(d.message());
        void d.dismiss();
      });
      await page.goto(`${stack.api.baseUrl}/?again#token=${other}`);
      await page.getByRole('heading', { name: 'Users' }).waitFor();
      await page.waitForFunction(() => document.getElementById('signed-in-account')?.textContent !== '');
      expect(asked).to.have.length(1);
      expect(asked[0]).to.match(/^This link signs you in to the account ".+"\. You are signed in to ".+"\. Switch to ".+"\?$/);
      expect(await page.evaluate(() => JSON.parse(atob(sessionStorage.getItem('muster.token')!.split('.')[1]!)).accountId)).to.equal(first.accountId);
      await screenshot(page, `flow-switch-declined-${size.name}`);
      // Accepted: it switches.
      page.once('dialog', (d) => void d.accept());
      await page.goto(`${stack.api.baseUrl}/?third#token=${other}`);
      await page.getByRole('heading', { name: 'Users' }).waitFor();
      await page.waitForFunction((id) => JSON.parse(atob(sessionStorage.getItem('muster.token')!.split('.')[1]!)).accountId === id, second.accountId);
    });
  }
});
