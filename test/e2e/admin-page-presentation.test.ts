import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { HEADER, csv } from '../helpers/import-client.js';
import { useImportStack } from '../integration/imports/setup.js';
import { dropFile, screenshot, useOwnerPage } from './browser.js';

const AXE = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const SIZES = [{ width: 1280, height: 800 }, { width: 390, height: 844 }] as const;

const people = csv([
  HEADER,
  ['Alice', 'Walker', 'alice.walker.with.a.rather.long.address@subsidiary.example.co.uk', '07911 123456', 'User', 'bulk users', 'True', 'False', 'False'],
  ['Ben', 'Alison', 'ben@example.com', '', 'Manager', '', 'False', 'True', 'False'],
  ['Di', 'Evans', 'di@example', '', 'User', '', 'False', 'False', 'False'],
  ['Ed', 'Khan', 'ed@example.com', '', 'Boss', '', 'False', 'False', 'False'],
]);

/** axe-core's serious and critical findings on the page as it is now (evaluated, so the CSP does not apply). */
async function axeProblems(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const found = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run: () => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe.run();
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  return found;
}

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe('admin page presentation: states, wording, phone layout, accessibility (Chromium)', function () {
  this.timeout(120_000);
  const stack = useImportStack();
  const session = useOwnerPage(stack, SIZES[0]);
  let page: Page;
  let signInUrl: string;
  beforeEach(() => void ({ page, signInUrl } = session));

  /** At both sizes: a screenshot, no sideways scrolling, and nothing serious for axe. */
  async function checkView(name: string) {
    for (const size of SIZES) {
      await page.setViewportSize(size);
      expect(await overflow(page), `${name} scrolls sideways at ${size.width} px`).to.be.at.most(0);
      expect(await axeProblems(page), `${name} at ${size.width} px`).to.deep.equal([]);
      await screenshot(page, `page-${name}-${size.width}`);
    }
    await page.setViewportSize(SIZES[0]);
  }

  it('walks the owner through help, drop zone, bad rows, result and undo, and finds people by full name', async () => {
    await page.goto(signInUrl);
    // Users: a loading state, then "no users yet", and no stale "Show more".
    await page.getByText('No users yet.').waitFor();
    expect(await page.getByRole('button', { name: 'Show more' }).isVisible()).to.equal(false);
    expect(await page.title()).to.equal('Users · Muster');
    await checkView('users-empty');

    await page.getByRole('link', { name: 'Add Multiple Users' }).click();
    // Help beside the template: role values, True/False, ";" for teams, and the account's teams.
    const help = page.locator('.file-help');
    await help.getByText('Bulk extra, bulk users').waitFor();
    expect(await help.textContent()).to.contain('User, Manager or Account Owner').and.contain('True or False').and.contain('semicolon');
    // The hidden input is not a Tab stop: Tab from the template links goes to the drop zone.
    expect(await page.locator('#file-input').getAttribute('tabindex')).to.equal('-1');
    await page.locator('.dropzone').focus();
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).to.not.equal('file-input');
    // A refused file: the message sits by the zone.
    await dropFile(page, '.dropzone', 'people.ods', 'x');
    await page.locator('.dropzone + .refusal').getByText('"people.ods" is an OpenDocument spreadsheet').waitFor();
    await dropFile(page, '.dropzone', 'people.csv', people);
    await page.locator('.dropzone .zone-file').getByText(/^Chosen: people\.csv, \d+ bytes\./).waitFor();
    expect(await page.locator('.refusal').textContent()).to.equal('');
    await page.getByLabel('If some rows have problems').selectOption('partial');
    await checkView('add-users');

    // Check: every control from the keyboard (the Next button by Enter).
    await page.getByRole('button', { name: 'Next' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Check' }).waitFor();
    expect(await page.locator('.lead').textContent()).to.equal('We found 4 rows. 2 are ready to import.');
    expect(await page.title()).to.equal('Check · people.csv · Muster');
    const table = page.getByRole('table', { name: 'The first rows with problems' });
    await table.waitFor();
    // The reason comes first; the log holds only the bad rows here, so no row number is guessed.
    expect(await table.locator('thead th').first().textContent()).to.equal('What to fix');
    const boss = table.locator('tbody tr').filter({ hasText: 'Boss' });
    expect(await boss.locator('td.why').textContent()).to.equal('Role is "Boss", which is not a role; enter User, Manager or Account Owner.');
    expect(await boss.locator('td.bad-cell').textContent()).to.equal('Boss (has a problem)');
    expect(await table.locator('tbody tr').filter({ hasText: 'di@example' }).locator('td.bad-cell mark').textContent()).to.equal('di@example');
    await checkView('check-with-problems');
    await page.setViewportSize(SIZES[1]);
    // On a phone each bad row is a card, with the reason shown whole.
    expect(await boss.evaluate((tr) => getComputedStyle(tr).display)).to.equal('block');
    await page.setViewportSize(SIZES[0]);

    await page.getByRole('button', { name: 'Import 2 valid rows' }).click();
    const headline = page.getByRole('heading', { name: '2 people added; 2 could not be imported' });
    await headline.waitFor();
    expect(await page.locator('section.card .button.primary, section.card button.primary').count()).to.equal(1);
    await page.getByRole('button', { name: 'Undo this import' }).waitFor();
    await checkView('result');

    // Users: phone in the national format, the long email whole in its title; search by full name.
    await page.getByRole('link', { name: 'View users' }).click();
    await page.getByRole('cell', { name: '07911 123456' }).waitFor();
    const email = 'alice.walker.with.a.rather.long.address@subsidiary.example.co.uk';
    expect(await page.getByRole('cell', { name: email }).getAttribute('title')).to.equal(email);
    await page.getByLabel('Search users').fill('alice walker');
    await page.getByText('Showing 1 person matching "alice walker".').waitFor();
    expect(await page.locator('table.users tbody tr').count()).to.equal(1);
    await page.getByLabel('Search users').fill('nobody here');
    await page.getByText('No one matches "nobody here".').waitFor();
    expect(await page.locator('table.users').isVisible()).to.equal(false);
    await page.getByLabel('Search users').fill('ali');
    await page.getByText('Showing 2 people matching "ali".').waitFor();
    await checkView('users-search');

    // History: colours by status, numbers to the right.
    await page.getByRole('link', { name: 'Import history' }).click();
    await page.getByRole('link', { name: 'people.csv' }).waitFor();
    expect(await page.locator('.status-completed_with_errors').count()).to.equal(1);
    expect(await page.locator('table.history td.number').first().evaluate((td) => getComputedStyle(td).textAlign)).to.equal('right');
    await checkView('history');

    // Undo from the result page, after saying what it does.
    await page.getByRole('link', { name: 'people.csv' }).click();
    await page.getByRole('button', { name: 'Undo this import' }).click();
    await page.getByRole('dialog').getByText('The 2 people it added will be removed').waitFor();
    await page.getByRole('dialog').getByRole('button', { name: 'Undo this import' }).click();
    await page.getByRole('heading', { name: 'This import was undone' }).waitFor();
  });
});
