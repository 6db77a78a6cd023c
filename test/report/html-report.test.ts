import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReportModel, renderReportHtml } from '../../shared/local/report';
import { orgwarden, stateDir } from '../cli/harness';
import { ensureChromium, launchChromium } from './chromium';
import { richInput } from './rich-input';

/** Screenshots stay after the run, to be looked at. */
const shots = join(tmpdir(), 'orgwarden-report');

/** Opens a file and records everything that would make the page dishonest: errors and any request. */
const open = async (context: BrowserContext, file: string): Promise<{ page: Page; problems: string[] }> => {
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

describe('orgwarden report --html, in headless Chromium', () => {
  const dir = stateDir();
  const demoFile = join(dir, 'demo-report.html');
  let context: BrowserContext;

  beforeAll(async () => {
    ensureChromium();
    mkdirSync(shots, { recursive: true });
    const env = { ORGWARDEN_STATE_DIR: dir };
    const [run] = await Promise.all([
      orgwarden(['local', '--scenario', 'events/scenarios/demo.json'], env),
      launchChromium().then((c) => (context = c)),
    ]);
    expect(run.code).toBe(0);
    const report = await orgwarden(['report', '--html', demoFile], env);
    expect(report).toMatchObject({
      code: 0,
      stdout: `wrote ${demoFile}: 6 subject(s), 0 pending deadline(s), 0 dead letter(s)\n`,
    });
  }, 15 * 60_000);

  afterAll(async () => {
    await context?.close();
  });

  it("shows the demo scenario's subjects and transitions, with no console error and no request", async () => {
    // Act
    const { page, problems } = await open(context, demoFile);
    const subjects = await page.locator('article.subject h3 code').allTextContents();
    const transitions = await page.locator('ol.timeline li').allInnerTexts();
    await page.screenshot({ path: join(shots, 'demo-report.png'), fullPage: true });

    // Assess
    expect(problems).toEqual([]);
    expect(await page.title()).toBe('orgwarden report: Two invitations: one accepted, one cancelled');
    // The management account is recorded by the first audit's import (a baseline, announced by no
    // event); where each account sits, by that import and by the new account's join.
    expect(subjects).toHaveLength(6);
    expect(subjects.slice(0, 2)).toEqual(['account:111111111111', 'account:222222222222']);
    expect(subjects.slice(2, 4).every((subject) => /^handshake:h-\w+$/.test(subject))).toBe(true);
    expect(subjects.slice(4)).toEqual(['placement:111111111111', 'placement:222222222222']);
    const flat = transitions.map((line) => line.replace(/\s+/g, ' ').trim());
    expect(flat).toHaveLength(8);
    expect(flat).toContain('2026-11-02 10:00:00Z (new) → JOINED AuditImport (orgwarden.audit)');
    expect(flat).toContain('2026-11-03 14:30:00Z (new) → JOINED AccountJoinedOrganization (aws.organizations)');
    expect(flat.filter((line) => line.includes('OPEN → ACCEPTED AccountJoinedOrganization'))).toHaveLength(1);
    expect(flat.filter((line) => line.includes('OPEN → CANCELED CancelHandshake'))).toHaveLength(1);
    expect(await page.locator('#deadlines').innerText()).toContain('nothing pending');
  });

  it('the filter hides the subjects that do not match (the inline script runs)', async () => {
    const { page, problems } = await open(context, demoFile);
    await page.fill('#filter', 'account:2');
    expect(await page.locator('article.subject:visible').count()).toBe(1);
    expect(problems).toEqual([]);
  });

  it('runs nothing that came from the data: hostile subjects and causes are shown as text', async () => {
    // Prepare
    const file = join(dir, 'hostile.html');
    writeFileSync(file, renderReportHtml(buildReportModel(richInput())));

    // Act
    const { page, problems } = await open(context, file);
    await page.screenshot({ path: join(shots, 'hostile-report.png'), fullPage: true });

    // Assess
    expect(problems).toEqual([]);
    expect(await page.evaluate('typeof window.__pwned')).toBe('undefined');
    expect(await page.locator('img, svg, i, b').count()).toBe(0);
    expect(await page.locator('#subjects').innerText()).toContain('handshake:<img src=x onerror="window.__pwned=1">');
    expect(await page.locator('#reactions').innerText()).toContain('AccessDenied: <i>denied</i>');
    expect(await page.locator('#deadlines tbody tr').count()).toBe(2);
    expect(await page.locator('#audit').innerText()).toContain('2 item(s)');
  });
});
