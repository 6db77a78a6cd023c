import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReportModel, renderReportHtml } from '../../shared/local/report';
import { orgwarden, stateDir, type CliResult } from '../cli/harness';
import { ensureChromium, launchChromium } from './chromium';
import { openPage as open, shotsDir, textOf } from './open-page';
import { EVIL_EMAIL, richInput } from './rich-input';

describe('orgwarden report --html, in headless Chromium', () => {
  const dir = stateDir();
  const demoFile = join(dir, 'demo-report.html');
  let context: BrowserContext;
  let run: CliResult;

  beforeAll(async () => {
    ensureChromium();
    const env = { ORGWARDEN_STATE_DIR: dir };
    [run] = await Promise.all([
      orgwarden(['local', '--scenario', 'events/scenarios/demo.json'], env),
      launchChromium().then((c) => (context = c)),
    ]);
    expect(run.code).toBe(0);
    const report = await orgwarden(['report', '--html', demoFile], env);
    expect(report).toMatchObject({
      code: 0,
      stdout:
        `wrote ${demoFile}: 6 subject(s), 1 finding(s) need attention: 1 untrusted part(ies), 0 coverage gap(s), ` +
        '0 deadline(s) ahead, 0 failed reaction(s), 0 unrecognized value(s), 0 dead letter(s) or failed step(s)\n',
    });
  }, 15 * 60_000);

  afterAll(async () => {
    await context?.close();
  });

  it("opens with the demo's findings: the untrusted invitee, and that nothing was changed in AWS (notify)", async () => {
    // Act
    const { page, problems } = await open(context, demoFile);
    await page.screenshot({ path: join(shotsDir(), 'demo.png'), fullPage: true });

    // Assess
    expect(problems).toEqual([]);
    expect(await page.locator('main > section').first().getAttribute('id')).toBe('findings');
    expect(await page.locator('#untrusted tbody tr').count()).toBe(1);
    expect(await textOf(page, '#untrusted tbody tr')).toMatch(
      /^2026-11-02 09:05:00Z account 333333333333 invitation sent handshake:h-\w+ OPEN → CANCELED INVITE handshake sent to account 333333333333 notify reported only \(notify\): nothing changed in AWS$/,
    );
    expect(await textOf(page, 'a.card.alert[href="#untrusted"]')).toBe('1 untrusted parties');
    // The last audit per source, not the record's fields.
    expect(await textOf(page, '#audit')).toMatch(
      /^Last audit audit-run:20261103T150000Z COMPLETE completed 2026-11-03 15:00:00Z/,
    );
    expect(await textOf(page, '#audit tbody tr:first-child')).toBe('account 2 0 0 0 yes 3');
  });

  it('the `local` timeline ends with the same findings, a legend and what to run next', () => {
    const end = run.stdout.slice(run.stdout.indexOf('\nfindings: '));
    expect(end).toMatch(
      /^\nfindings: 1 need attention\n {2}untrusted parties \(1\):\n {4}2026-11-02T09:05:00Z {2}account 333333333333: invitation sent \(notify\), handshake:h-\w+ OPEN -> now CANCELED\n {8}INVITE handshake sent to account 333333333333\n {8}reported only: nothing changed in AWS\n/,
    );
    expect(end).toContain('\nlegend: each line starts with the scenario time;\n');
    expect(end).toMatch(/\nnext:\n.*orgwarden report --html report\.html\n.*orgwarden state handshake:h-\w+\n/);
  });

  it("shows the demo scenario's subjects by kind, with who was invited, and their transitions", async () => {
    // Act
    const { page, problems } = await open(context, demoFile);
    const subjects = await page.locator('article.subject h3 code').allTextContents();
    const transitions = await page.locator('ol.timeline li').allInnerTexts();

    // Assess
    expect(problems).toEqual([]);
    expect(await page.locator('details.kind > summary strong').allInnerTexts()).toEqual([
      'account',
      'handshake',
      'placement',
    ]);
    expect((await page.locator('details.kind[data-kind="handshake"] .parties').allInnerTexts()).sort()).toEqual([
      'INVITE handshake sent to account 222222222222',
      'INVITE handshake sent to account 333333333333',
    ]);
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
    expect(await page.locator('#deadlines').innerText()).toContain('no deadline');
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
    await page.screenshot({ path: join(shotsDir(), 'hostile-report.png'), fullPage: true });

    // Assess
    expect(problems).toEqual([]);
    expect(await page.evaluate('typeof window.__pwned')).toBe('undefined');
    expect(await page.locator('img, svg, i, b').count()).toBe(0);
    expect(await page.locator('#subjects').innerText()).toContain('handshake:<img src=x onerror="window.__pwned=1">');
    expect(await page.locator('#reactions').innerText()).toContain('AccessDeniedException: <i>denied</i>');
    expect(await textOf(page, '#untrusted tbody tr')).toContain(`email ${EVIL_EMAIL.replace('\u202e', '\\u202e')}`);
    expect(await textOf(page, '#unrecognized tbody tr')).toContain('handshake.state FROZEN<script>');
    expect(await page.locator('#deadlines tbody tr').count()).toBe(2);
    expect(await textOf(page, '#audit')).toContain('1 source(s) were not listed completely');
  });
});
