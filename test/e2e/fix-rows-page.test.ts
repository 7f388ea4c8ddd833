import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { Types } from 'mongoose';
import type { Browser, Page } from 'playwright-core';
import { signToken } from '../../api/src/auth/principal.js';
import { createAccount } from '../helpers/fixture-account.js';
import { ApiClient, HEADER, csv } from '../helpers/import-client.js';
import { useImportStack } from '../integration/imports/setup.js';
import { dropFile, launchBrowser, screenshot, watchPage } from './browser.js';

const AXE = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

const person = (n: number, role = 'User', email = `person${n}@example.com`) => [`First${n}`, `Last${n}`, email, '', role, '', 'False', 'False', 'False'];

/** 3 good rows, 5 with Role "Admin" (rows 5-9), and one with a bad email (row 10). */
const mixed = csv([HEADER, person(1), person(2), person(3), ...[4, 5, 6, 7, 8].map((n) => person(n, 'Admin')), person(9, 'User', 'di@example')]);

async function axeProblems(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run: () => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe.run();
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join(', ')}`);
  });
}

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe('Fix these rows: the editable grid of bad rows (Chromium)', function () {
  this.timeout(240_000);
  const stack = useImportStack();
  let browser: Browser;
  let page: Page;
  let problems: string[];

  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    await page?.context().close();
    expect(problems, problems.join('\n')).to.deep.equal([]);
  });

  async function signIn(accountId: string) {
    const token = await signToken(stack.api.deps.config.auth, { sub: 'owner@acme', role: 'account_owner', accountId });
    page = await (await browser.newContext({ viewport: DESKTOP })).newPage();
    problems = watchPage(page, stack.api.baseUrl);
    await page.goto(`${stack.api.baseUrl}/#token=${token}`);
    await page.getByRole('heading', { name: 'Users' }).waitFor();
  }

  /** At both sizes: a screenshot, no sideways scrolling, nothing serious for axe. */
  async function checkView(name: string) {
    for (const size of [DESKTOP, PHONE]) {
      await page.setViewportSize(size);
      expect(await overflow(page), `${name} scrolls sideways at ${size.width} px`).to.be.at.most(0);
      expect(await axeProblems(page), `${name} at ${size.width} px`).to.deep.equal([]);
      await screenshot(page, `fix-rows-${name}-${size.width}`);
    }
    await page.setViewportSize(DESKTOP);
  }

  it('fixes a cell as you type, applies Role "Admin" -> Account Owner to all 5 rows, saves, and the corrected import adds everyone', async () => {
    const { accountId } = await createAccount(stack.api);
    await signIn(accountId);
    await page.getByRole('link', { name: 'Add Multiple Users' }).click();
    await dropFile(page, '.dropzone', 'staff.csv', mixed);
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('heading', { name: 'Check' }).waitFor();

    // From the Check step, by keyboard.
    await page.getByRole('link', { name: 'Fix these rows' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: '6 rows with problems' }).waitFor();
    expect(await page.title()).to.equal('Fix rows · staff.csv · Muster');
    const tally = page.locator('.still-count');
    expect(await tally.textContent()).to.equal('6 rows still have problems.');

    // The bad cell says why, in text tied to the input.
    const email = page.getByLabel('Email Address, row 10');
    expect(await email.inputValue()).to.equal('di@example');
    expect(await email.getAttribute('aria-invalid')).to.equal('true');
    const why = page.locator(`#${await email.getAttribute('aria-describedby')}`);
    expect(await why.textContent()).to.contain('Email Address is not a valid email address');
    const role5 = page.getByLabel('Role, row 5');
    expect(await page.locator(`#${await role5.getAttribute('aria-describedby')}`).textContent()).to.contain('"Admin" is not a role');
    await checkView('before');

    // Typing fixes the row as you go (debounced), with the shared rules.
    await email.focus();
    await page.keyboard.press('End');
    await page.keyboard.type('.com');
    await tally.filter({ hasText: '5 rows still have problems.' }).waitFor();
    expect(await email.getAttribute('aria-invalid')).to.equal(null);
    expect(await why.textContent()).to.equal('');
    expect(await page.locator('tr', { has: email }).locator('td.why').textContent()).to.equal('✓ No problems left');
    // Tab moves on to the next cell of the row.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).to.equal('fix-r10-c3');

    // Leaving with unsaved changes asks first; staying keeps them.
    await page.getByRole('link', { name: 'Import history' }).click();
    const leave = page.getByRole('dialog', { name: 'Leave without saving?' });
    await leave.waitFor();
    await leave.getByRole('button', { name: 'Keep it as it is' }).click();
    expect(await page.evaluate(() => location.hash)).to.match(/\/fix$/);
    expect(await email.inputValue()).to.equal('di@example.com');

    // Apply to all, by keyboard: one replacement for the 5 rows.
    const replaceWith = page.getByLabel('5 rows have Role "Admin"; change them all to');
    await replaceWith.focus();
    await page.keyboard.type('Account Owner');
    await page.keyboard.press('Enter');
    await tally.filter({ hasText: 'Every row is fixed. Save to check the file again.' }).waitFor();
    expect(await page.getByLabel('Role, row 7').inputValue()).to.equal('Account Owner');
    expect(await page.locator('.changes').textContent()).to.equal('Not saved yet: 1 changed cell, 1 "apply to all" change.');
    await checkView('fixed');

    // Save: the corrected import is checked like an upload, and imports everyone.
    const saved = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/corrections'));
    await page.getByRole('button', { name: 'Save and check again' }).focus();
    await page.keyboard.press('Enter');
    const body = (await saved).postDataJSON() as { edits: Record<string, Record<string, string>>; replacements: unknown[] };
    expect(body).to.deep.equal({ edits: { 10: { 2: 'di@example.com' } }, replacements: [{ cell: 4, from: 'Admin', to: 'Account Owner' }] });
    await page.getByRole('heading', { name: 'Check' }).waitFor();
    await page.locator('.lead').filter({ hasText: 'We found 9 rows. 9 are ready to import.' }).waitFor();
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('heading', { name: '9 people added' }).waitFor();
    const { User } = stack.api.deps.models;
    const account = new Types.ObjectId(accountId);
    expect(await User.countDocuments({ accountId: account })).to.equal(9);
    expect(await User.countDocuments({ accountId: account, role: 'account_owner' })).to.equal(5);
    expect(await User.countDocuments({ accountId: account, emailLower: 'di@example.com' })).to.equal(1);
  });
  it('pages 2,500 bad rows, keeps edits across pages, and saves 2,500 edits in parts with a retry', async () => {
    const { accountId, owner } = await createAccount(stack.api);
    const rows = Array.from({ length: 2500 }, (_, i) => person(i + 1, 'User', `person${i + 1}@example`));
    const upload = await (owner as ApiClient).uploadOk(csv([HEADER, ...rows]), { autoStart: 'false' });
    await owner.waitFor(upload.id, ['failed'], 60_000);
    await signIn(accountId);
    // Edits kept in the tab survive a reload: seed 2,500 of them (well over one request's 100 kB).
    const edits = Object.fromEntries(rows.map((r, i) => [String(i + 2), { 2: `${r[2]}.com` }]));
    await page.evaluate(([key, value]) => sessionStorage.setItem(key!, value!), [`muster.fixes.${upload.id}`, JSON.stringify({ edits, replacements: [] })]);
    await page.goto(`${stack.api.baseUrl}/#/imports/${upload.id}/fix`);
    await page.getByRole('heading', { name: '2,500 rows with problems' }).waitFor();
    const where = page.locator('.page-where').first();
    await where.filter({ hasText: 'Page 1 of 13: rows with problems 1–200 of 2,500' }).waitFor();
    expect(await page.locator('.still-count').textContent()).to.equal('2,300 rows still have problems.');
    await page.getByRole('button', { name: 'Next page' }).first().focus();
    await page.keyboard.press('Enter');
    await where.filter({ hasText: 'Page 2 of 13: rows with problems 201–400 of 2,500' }).waitFor();
    expect(await page.locator('table.fix-rows tbody th.row-number').first().textContent()).to.equal('202');
    expect(await page.getByLabel('Email Address, row 202').inputValue()).to.equal('person201@example.com');
    await page.getByLabel('Go to page').first().fill('13');
    await page.getByLabel('Go to page').first().press('Enter');
    await where.filter({ hasText: 'Page 13 of 13: rows with problems 2,401–2,500 of 2,500' }).waitFor();
    expect(await page.locator('table.fix-rows tbody tr').count()).to.equal(100);
    expect(await page.locator('.still-count').textContent()).to.equal('2,100 rows still have problems.');
    await checkView('paged');

    // Part 2 fails once: a retry button for that part, and the save carries on.
    let failed = false;
    await page.route('**/corrections/drafts/*/parts/2', (route) => (failed ? route.continue() : ((failed = true), route.fulfill({ status: 503, json: { error: { code: 'UNAVAILABLE', message: 'Try again in a moment.' } } }))));
    await page.getByRole('button', { name: 'Save and check again' }).click();
    const retry = page.getByRole('button', { name: /^Try part 2 of \d+ again$/ });
    await retry.waitFor();
    await retry.click();
    await page.getByRole('heading', { name: 'Check' }).waitFor({ timeout: 120_000 });
    await page.locator('.lead').filter({ hasText: 'We found 2,500 rows. 2,500 are ready to import.' }).waitFor({ timeout: 120_000 });
    expect(failed).to.equal(true);
  });
});
