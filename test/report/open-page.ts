import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';

/** Where screenshots stay after the run, to be looked at (ORGWARDEN_SHOTS moves them). */
export const shotsDir = (): string => {
  const dir = process.env.ORGWARDEN_SHOTS ?? join(tmpdir(), 'orgwarden-report');
  mkdirSync(dir, { recursive: true });
  return dir;
};

/** Opens a file and records everything that would make the page dishonest: errors and any request. */
export const openPage = async (context: BrowserContext, file: string): Promise<{ page: Page; problems: string[] }> => {
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning')
      problems.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('dialog', (dialog) => problems.push(`dialog: ${dialog.message()}`));
  page.on('request', (request) => {
    if (!request.url().startsWith('file:')) problems.push(`request: ${request.url()}`);
  });
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  return { page, problems };
};

/** An element's text with its white space folded: what a person reads. */
export const textOf = async (page: Page, selector: string): Promise<string> =>
  (await page.locator(selector).innerText()).replace(/\s+/g, ' ').trim();
