import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { signToken } from '../../api/src/auth/principal.js';
import { HEADER, csv } from '../helpers/import-client.js';
import { useImportStack } from '../integration/imports/setup.js';
import { dropFile, screenshot, useOwnerPage } from './browser.js';

const clean = csv([
  HEADER,
  ['Ada', 'Lovelace', 'ada@example.com', '07911 123456', 'User', 'bulk users', 'True', 'False', 'False'],
  ['Bob', 'Smith', 'bob@example.com', '', 'Manager', '', 'False', 'True', 'False'],
]);
const withErrors = csv([
  HEADER,
  ['Cy', 'Jones', 'cy@example.com', '', 'User', '', 'False', 'False', 'False'],
  ['Di', 'Evans', 'di@example', '', 'User', '', 'False', 'False', 'False'],
  ['Ed', 'Khan', 'ed@example.com', '', 'Boss', '', 'False', 'False', 'False'],
]);

describe('admin page in a real browser (Chromium, headless)', function () {
  this.timeout(60_000);
  const stack = useImportStack();
  const session = useOwnerPage(stack);
  let page: Page;
  let signInUrl: string;
  beforeEach(() => void ({ page, signInUrl } = session));

  async function uploadAndCheck(content: string, name: string) {
    await page.getByRole('link', { name: 'Add Multiple Users' }).click();
    await dropFile(page, '.dropzone', name, content);
    // The page reads the file's first bytes before accepting it: wait for it to say so.
    await page.locator('.chosen').filter({ hasText: new RegExp(`^${name} \\(\\d+ bytes\\)$`) }).waitFor();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('heading', { name: 'Check' }).waitFor();
  }

  it('signs in, downloads the template, imports a clean file and shows the new users', async () => {
    await page.goto(signInUrl);
    await page.getByRole('heading', { name: 'Users' }).waitFor();
    expect(page.url()).to.not.contain('token=');
    await screenshot(page, '1-users-empty');

    await page.getByRole('link', { name: 'Add Multiple Users' }).click();
    const [templateDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'the CSV template' }).click()]);
    const template = await readFile((await templateDownload.path())!, 'utf8');
    expect(template).to.equal('\uFEFFFirst Name,Last Name,Email Address,Phone Number,Role,Teams,Lone Working,Incidents,Audits\r\n');
    const [workbookDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the Excel template' }).click()]);
    expect(workbookDownload.suggestedFilename()).to.equal('users-template.xlsx');
    expect((await readFile((await workbookDownload.path())!)).subarray(0, 4).toString('hex')).to.equal('504b0304');
    await screenshot(page, '2-add-multiple-users');
    await page.getByRole('link', { name: 'Back to users' }).click();

    await uploadAndCheck(clean, 'team.csv');
    expect(await page.locator('.lead').textContent()).to.equal('We found 2 rows. 2 are ready to import.');
    await screenshot(page, '3-check');
    // Leaving and coming back: the users page offers the way back to the waiting import.
    await page.getByRole('link', { name: 'Users', exact: true }).click();
    await page.getByText('Your import of team.csv is checked and waiting for you to import it.').waitFor();
    await page.getByRole('link', { name: 'Go to the import' }).click();
    await page.getByRole('heading', { name: 'Check' }).waitFor();
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('heading', { name: '2 people added' }).waitFor();
    await screenshot(page, '4-result');

    await page.getByRole('link', { name: 'View users' }).click();
    await page.getByRole('cell', { name: 'ada@example.com' }).waitFor();
    expect(await page.getByRole('cell', { name: 'Bob Smith' }).count()).to.equal(1);
    expect(await page.getByRole('cell', { name: '07911 123456' }).count()).to.equal(1);
    await page.getByLabel('Search users').fill('bob');
    await page.waitForFunction(() => document.querySelectorAll('table.users tbody tr').length === 1);
    expect(await page.getByRole('button', { name: 'Show more' }).isVisible()).to.equal(false);
    await screenshot(page, '5-users');

    await page.getByRole('link', { name: 'Import history' }).click();
    await page.getByRole('link', { name: 'team.csv' }).waitFor();
    expect(await page.getByRole('cell', { name: 'Completed', exact: true }).count()).to.equal(1);
  });

  it('shows the problems of a bad file, gives its error log, and succeeds after the fix', async () => {
    await page.goto(signInUrl);
    await uploadAndCheck(withErrors, 'staff.csv');
    expect(await page.locator('.lead').textContent()).to.equal('We found 3 rows. 1 is ready to import.');
    await page.getByText('2 rows have problems').waitFor();
    await page.getByRole('table', { name: 'The first rows with problems' }).waitFor();
    expect(await page.getByRole('cell', { name: 'Role is "Boss", which is not a role; enter User, Manager or Account Owner.' }).count()).to.equal(1);
    // Every row of this log is bad but the file had a good one first: row numbers are not guessed.
    expect(await page.locator('table.bad-rows .row-number').count()).to.equal(0);
    await screenshot(page, '6-check-with-errors');

    const [logDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download Error Log (CSV)' }).click()]);
    expect(logDownload.suggestedFilename()).to.equal('staff-errors.csv');
    const log = await readFile((await logDownload.path())!, 'utf8');
    const lines = log.replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);
    expect(lines).to.have.length(3);
    expect(lines[0]).to.equal(`${HEADER.join(',')},error`);
    expect(lines[1]).to.equal('Di,Evans,di@example,,User,,False,False,False,"Email Address is not a valid email address; it should look like name@example.com, with no spaces."');
    expect(lines[2]).to.equal('Ed,Khan,ed@example.com,,Boss,,False,False,False,"Role is ""Boss"", which is not a role; enter User, Manager or Account Owner."');

    const fixed = log.replace('di@example,', 'di@example.com,').replace(',Boss,', ',User,');
    await page.getByRole('link', { name: 'Try Again' }).click();
    await page.getByRole('heading', { name: 'Add Multiple Users' }).waitFor();
    await page.getByRole('link', { name: 'Back to users' }).click();
    await uploadAndCheck(fixed, 'staff-errors.csv');
    expect(await page.locator('.lead').textContent()).to.equal('We found 2 rows. 2 are ready to import.');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('heading', { name: '2 people added' }).waitFor();
    await screenshot(page, '7-fixed-result');
  });

  it('refuses a file it cannot read before uploading it, and works on a phone-sized screen', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(signInUrl);
    await page.getByRole('heading', { name: 'Users' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).to.be.at.most(390);
    await page.getByRole('link', { name: 'Add Multiple Users' }).click();
    await page.locator('#file-input').setInputFiles({ name: 'people.xls', mimeType: 'application/vnd.ms-excel', buffer: Buffer.from([0xd0, 0xcf, 0x11, 0xe0]) });
    expect(await page.getByRole('alert').textContent()).to.contain('"people.xls" is an older or binary Excel format. In Excel choose File > Save As > "Excel Workbook (.xlsx)"');
    // A password-protected workbook keeps its .xlsx name; its first bytes give it away.
    await page.locator('#file-input').setInputFiles({ name: 'locked.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0, 0, 0]) });
    await page.getByRole('alert').filter({ hasText: '"locked.xlsx" is protected with a password' }).waitFor();
    expect(await page.getByRole('button', { name: 'Next' }).isDisabled()).to.equal(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).to.be.at.most(390);
    await screenshot(page, '8-phone-refused');
  });

  it('explains a missing or expired sign-in', async () => {
    await page.goto(stack.api.baseUrl);
    await page.getByRole('heading', { name: 'Please sign in' }).waitFor();
    const expired = await signToken(stack.api.deps.config.auth, { sub: 'x', role: 'account_owner', accountId: '64b000000000000000000001' }, Math.floor(Date.now() / 1000) - 60);
    await page.goto(`${stack.api.baseUrl}/#token=${expired}`);
    await page.reload();
    await page.getByRole('heading', { name: 'Your session has expired' }).waitFor();
  });
});
