import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { signToken } from '../../api/src/auth/principal.js';
import { createAccount } from '../helpers/fixture-account.js';
import { HEADER, csv } from '../helpers/import-client.js';
import { useImportStack } from '../integration/imports/setup.js';
import { launchBrowser, screenshot, useOwnerPage, watchPage } from './browser.js';

const person = (i: number, team = '') => [`P${i}`, 'Test', `p${i}@example.com`, '', 'User', team, 'False', 'False', 'False'];
// A file that fails until the account has a team called Night Shift.
const nightShift = csv([HEADER, person(1), person(2, 'Night Shift')]);
// Big enough to still be importing when the console cancels it: 2,000 batches of 3 rows here.
const ROWS = 6000;
const big = csv([HEADER, ...Array.from({ length: ROWS }, (_, i) => person(i))]);
// A loaded machine can be slow: wait for states, never for a fixed time.
const SLOW = { timeout: 180_000 };

const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
];

for (const viewport of VIEWPORTS) {
  describe(`support console in a real browser (${viewport.width}x${viewport.height})`, function () {
    this.timeout(360_000);
    const stack = useImportStack();
    let browser: Browser;
    let page: Page;
    let problems: string[];
    let signInUrl: string;
    const shot = (name: string) => screenshot(page, `support-${viewport.name}-${name}`);

    before(async () => {
      browser = await launchBrowser();
      const token = await signToken(stack.api.deps.config.auth, { sub: 'support-1', role: 'support' });
      signInUrl = `${stack.api.baseUrl}/#token=${token}`;
    });
    after(async () => {
      await browser?.close();
    });
    beforeEach(async () => {
      const context = await browser.newContext({ viewport: { width: viewport.width, height: viewport.height }, acceptDownloads: true });
      page = await context.newPage();
      problems = watchPage(page, stack.api.baseUrl);
    });
    afterEach(async () => {
      await page.context().close();
      expect(problems, problems.join('\n')).to.deep.equal([]);
    });

    async function fitsTheScreen() {
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).to.be.at.most(viewport.width);
    }

    /** Waits until the list on screen answers the filters in the address. */
    async function listShown() {
      await page.waitForFunction(() => document.querySelector('table.support-list')?.getAttribute('data-for') === location.hash, undefined, SLOW);
    }

    async function openImport(fileName: string, accountName: string) {
      const row = page.locator('table.support-list tbody tr').filter({ hasText: accountName });
      await row.getByRole('link', { name: fileName }).click();
      await page.getByRole('heading', { name: fileName, level: 1 }).waitFor();
    }

    it('finds a failed import by its status, shows why, re-runs it once the team exists, and shows the account read-only', async () => {
      const other = await createAccount(stack.api);
      const done = await other.owner.uploadOk(csv([HEADER, person(9)]), { autoStart: 'true' });
      await other.owner.waitFor(done.id, ['completed']);
      const { owner, accountId } = await createAccount(stack.api);
      const { name } = await owner.json<{ name: string }>('GET', `/api/v1/accounts/${accountId}`);
      const failed = await owner.uploadOk(nightShift, { autoStart: 'true' });
      await owner.waitFor(failed.id, ['failed']);

      await page.goto(signInUrl);
      await page.getByRole('heading', { name: 'Support', level: 1 }).waitFor();
      expect(page.url()).to.match(/#\/support$/);
      await page.getByText('workers seen in the last minute').waitFor();
      await page.locator('table.support-list tbody tr').first().waitFor();
      await fitsTheScreen();
      await shot('1-home');

      await page.getByRole('button', { name: 'Failed', exact: true }).click();
      await page.waitForFunction(() => location.hash === '#/support?status=failed');
      await listShown();
      await page.getByText('1 import shown.').waitFor();
      const row = page.locator('table.support-list tbody tr').filter({ hasText: name });
      expect(await row.getByRole('cell', { name: 'owner-1' }).count()).to.equal(1);
      expect(await row.textContent()).to.contain('people.csv').and.contain('Failed');
      await fitsTheScreen();
      await shot('2-failed');

      await openImport('people.csv', name);
      await page.getByText('VALIDATION_FAILED:').waitFor();
      await page.getByRole('table', { name: 'The first rows with problems' }).waitFor();
      expect(await page.locator('.bad-rows td.why').first().textContent()).to.contain('Night Shift');
      expect(await page.getByRole('list', { name: 'Attempts' }).textContent()).to.contain('test-worker').and.contain('check');
      expect(await page.getByRole('list', { name: 'Audit trail' }).textContent()).to.contain('Uploaded by owner-1 (account owner)');
      const [log] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download Error Log (CSV)' }).click()]);
      expect(log.suggestedFilename()).to.equal('people-errors.csv');
      expect(await readFile((await log.path())!, 'utf8')).to.contain('Night Shift');
      // A failed import can be re-run or undone, not cancelled.
      expect(await page.getByRole('button', { name: 'Cancel import' }).count()).to.equal(0);
      await fitsTheScreen();
      await shot('3-why-it-failed');

      await owner.json('POST', '/api/v1/teams', { name: 'Night Shift' }, 201);
      await page.getByRole('button', { name: 'Re-run' }).click();
      const dialog = page.getByRole('dialog', { name: 'Re-run people.csv?' });
      await dialog.waitFor();
      expect(await dialog.textContent()).to.contain('Nobody is created twice');
      await shot('4-confirm-rerun');
      await dialog.getByRole('button', { name: 'Re-run import' }).click();
      await page.getByRole('heading', { name: 'Completed', exact: true }).waitFor(SLOW);
      expect(await page.getByRole('list', { name: 'Audit trail' }).textContent()).to.contain('Re-run by support-1 (support)');
      expect(await page.locator('.counts').textContent()).to.contain('Created2');
      await fitsTheScreen();
      await shot('5-rerun-completed');

      // The account as its owner sees it: read-only, marked, no Add Multiple Users.
      await page.locator('.page-head').getByRole('link', { name }).click();
      await page.getByRole('note').getByText(`You are looking at ${name}, another account`).waitFor();
      await page.getByRole('cell', { name: 'p2@example.com' }).waitFor();
      await page.getByRole('link', { name: 'people.csv' }).waitFor();
      expect(await page.getByText('Add Multiple Users').count()).to.equal(0);
      await fitsTheScreen();
      await shot('6-account-read-only');
    });

    it('cancels a running import, whose counts then match what was written', async () => {
      const { owner, accountId } = await createAccount(stack.api);
      const { name } = await owner.json<{ name: string }>('GET', `/api/v1/accounts/${accountId}`);
      const running = await owner.uploadOk(big, { autoStart: 'true', mode: 'partial' });

      await page.goto(signInUrl);
      await listShown();
      await page.getByLabel('Status').selectOption({ label: 'Running or waiting' });
      await page.waitForFunction(() => location.hash.includes('status='));
      await listShown();
      await openImport('people.csv', name);
      // The page follows the import; cancel it once it is writing users.
      await page.getByRole('heading', { name: 'Importing', exact: true }).waitFor(SLOW);
      await page.getByRole('button', { name: 'Cancel import' }).click();
      const dialog = page.getByRole('dialog', { name: 'Cancel people.csv?' });
      await dialog.waitFor();
      expect(await dialog.textContent()).to.contain('stops at the end of the batch');
      await shot('7-confirm-cancel');
      await dialog.getByRole('button', { name: 'Cancel import' }).click();
      await page.getByRole('heading', { name: 'Cancelled', exact: true }).waitFor(SLOW);
      const written = await stack.api.deps.models.User.countDocuments({ createdByImportId: running.id });
      expect(written).to.be.lessThan(ROWS);
      expect(await page.locator('.counts').textContent()).to.contain(`Created${written.toLocaleString('en-GB')}`);
      expect(await page.getByRole('list', { name: 'Audit trail' }).textContent()).to.contain('Cancelled by support-1 (support)');
      await fitsTheScreen();
      await shot('8-cancelled');
    });

    it('undoes a completed import after saying whom it will remove', async () => {
      const { owner, accountId } = await createAccount(stack.api);
      const { name } = await owner.json<{ name: string }>('GET', `/api/v1/accounts/${accountId}`);
      const done = await owner.uploadOk(csv([HEADER, person(1), person(2)]), { autoStart: 'true' });
      await owner.waitFor(done.id, ['completed']);

      await page.goto(signInUrl);
      await page.getByRole('heading', { name: 'Support', level: 1 }).waitFor();
      // Narrowed down by account (searched by part of its name, in another case) and file name.
      await listShown();
      await page.getByLabel('Account').fill(name.slice(0, 12).toUpperCase());
      await page.getByRole('button', { name, exact: true }).click();
      await page.waitForFunction((id) => location.hash.includes(`accountId=${id}`), accountId);
      await listShown();
      await page.locator('.chosen-account').getByText(name).waitFor();
      await page.getByLabel('File name').fill('PEOPLE');
      await page.getByRole('button', { name: 'Find imports' }).click();
      await page.waitForFunction(() => location.hash.includes('file=PEOPLE'));
      await listShown();
      await page.getByText('1 import shown.').waitFor();
      await page.getByLabel('Status').selectOption({ label: 'Completed' });
      await page.waitForFunction(() => location.hash.includes('status=completed'));
      await listShown();
      await page.getByText('1 import shown.').waitFor();
      expect(new URL(page.url()).hash).to.contain(`accountId=${accountId}`).and.contain('file=PEOPLE');
      await shot('9-filtered');
      await openImport('people.csv', name);
      expect(await page.getByRole('button', { name: 'Re-run' }).count()).to.equal(0);
      await page.getByRole('button', { name: 'Undo import' }).click();
      const dialog = page.getByRole('dialog', { name: 'Undo people.csv?' });
      await dialog.waitFor();
      expect(await dialog.textContent()).to.contain('Removes 2 people this import created.');
      await dialog.getByText('Who would be removed').click();
      await dialog.getByText('p2@example.com').waitFor();
      await shot('10-confirm-undo');
      await dialog.getByRole('button', { name: 'Undo import' }).click();
      await page.getByRole('heading', { name: 'Undone', exact: true }).waitFor(SLOW);
      expect(await page.getByRole('list', { name: 'Audit trail' }).textContent()).to.contain('Undone by support-1 (support)');
      expect(await page.getByRole('button', { name: 'Undo import' }).count()).to.equal(0);
      const { items } = await owner.json<{ items: unknown[] }>('GET', '/api/v1/users');
      expect(items).to.deep.equal([]);
      await fitsTheScreen();
      await shot('11-undone');
    });
  });
}


describe('whose import the owner\'s page calls "yours" (Chromium, 1280x800)', function () {
  this.timeout(120_000);
  const stack = useImportStack();
  const session = useOwnerPage(stack);

  it('tells only the person who uploaded it that the waiting import is theirs; a colleague sees whose it is', async () => {
    const { owner, accountId } = session;
    const imp = await owner.uploadOk(csv([HEADER, person(1)]));
    await owner.waitFor(imp.id, ['validated']);
    for (const [sub, banner, who] of [
      ['owner-1', 'Your import of people.csv is checked and waiting for you to import it.', 'You'],
      ['owner-2', "owner-1's import of people.csv is checked and waiting to be imported.", 'owner-1'],
    ] as const) {
      const page = await session.open({ sub, role: 'account_owner', accountId });
      await page.getByText(banner).waitFor();
      await page.getByRole('link', { name: 'Import history' }).click();
      await page.getByRole('link', { name: 'people.csv' }).waitFor();
      expect(await page.getByRole('cell', { name: who, exact: true }).count()).to.equal(1);
      await screenshot(page, `owner-banner-${sub}`);
    }
  });
});
