import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { signToken } from '../../api/src/auth/principal.js';
import { createAccount } from '../helpers/fixture-account.js';
import type { ApiHarness } from '../helpers/api-harness.js';
import type { ApiClient } from '../helpers/import-client.js';

export const SCREENSHOTS = join(import.meta.dirname, '../../test-results/screenshots');

/** Debian's Chromium, headless, with no traffic to anywhere but the pages we open. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** Records console errors and any request that leaves the app's origin. */
export function watchPage(page: Page, origin: string) {
  const problems: string[] = [];
  page.on('console', (msg) => msg.type() === 'error' && problems.push(`console: ${msg.text()}`));
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) problems.push(`request to ${url}`);
  });
  return problems;
}

export async function screenshot(page: Page, name: string) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Drops a file on the drop zone as a person dragging it from their desktop would. */
export async function dropFile(page: Page, selector: string, name: string, content: string) {
  const dataTransfer = await page.evaluateHandle(
    ([fileName, text]) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], fileName, { type: 'text/csv' }));
      return dt;
    },
    [name, content] as const,
  );
  await page.dispatchEvent(selector, 'dragover', { dataTransfer });
  await page.dispatchEvent(selector, 'drop', { dataTransfer });
}

type Stack = { api: ApiHarness };
type Viewport = { width: number; height: number };
type Claims = { sub: string; role: 'account_owner' | 'manager' | 'user' | 'support'; accountId?: string };

/** What `useOwnerPage` gives each test: a fresh account, its owner's sign-in link and a page. */
export interface OwnerPage {
  browser: Browser;
  /** At the suite's viewport, not signed in yet (go to `signInUrl`). */
  page: Page;
  accountId: string;
  /** The account's owner through the API (sub `owner-1`), to set data up. */
  owner: ApiClient;
  signInUrl: string;
  /** Another page (its own context) signed in with these claims; closed and checked after the test. */
  open(claims: Claims, viewport?: Viewport): Promise<Page>;
}

/**
 * The set-up every owner-page browser test repeated, once: Chromium for the suite; for each test a
 * new account (with teams), a page at `viewport`, and afterwards a check that no page of the test
 * logged an error or called anywhere but the app.
 */
export function useOwnerPage(stack: Stack, viewport: Viewport = { width: 1280, height: 800 }): OwnerPage {
  const session = {} as OwnerPage;
  let contexts: BrowserContext[] = [];
  let problems: string[][] = [];
  const newPage = async (size: Viewport) => {
    const context = await session.browser.newContext({ viewport: size, acceptDownloads: true });
    contexts.push(context);
    const page = await context.newPage();
    problems.push(watchPage(page, stack.api.baseUrl));
    return page;
  };
  const signInUrl = async (claims: Claims) => `${stack.api.baseUrl}/#token=${await signToken(stack.api.deps.config.auth, claims)}`;
  session.open = async (claims, size = viewport) => {
    const page = await newPage(size);
    await page.goto(await signInUrl(claims));
    return page;
  };
  before(async () => {
    session.browser = await launchBrowser();
  });
  after(async () => {
    await session.browser?.close();
  });
  beforeEach(async () => {
    const { accountId, owner } = await createAccount(stack.api);
    Object.assign(session, { accountId, owner, signInUrl: await signInUrl({ sub: 'owner-1', role: 'account_owner', accountId }) });
    session.page = await newPage(viewport);
  });
  afterEach(async () => {
    for (const context of contexts) await context.close();
    const found = problems.flat();
    contexts = [];
    problems = [];
    expect(found, found.join('\n')).to.deep.equal([]);
  });
  return session;
}
