import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildReport } from '../../shared/local/scenario/report';
import { rehearse } from '../../shared/local/scenario/run-scenario';
import { stackOptionsOf } from '../../shared/local/scenario/stack-options';
import { LocalStack } from '../../shared/local/stack/local-stack';
import { orgwarden, stateDir, type CliResult } from '../cli/harness';
import { readScenario } from '../support/stack';
import { ensureChromium, launchChromium } from './chromium';
import { openPage, shotsDir, textOf } from './open-page';

const ENFORCED = 'events/scenarios/untrusted-invitation-enforced.json';
const NO_MEMBERSHIP = 'events/scenarios/untrusted-invitation-no-membership.json';
const GAP = 'events/scenarios/coverage-gap.json';
const TRANSFER = 'events/scenarios/billing-transfer-lifecycle.json';
const IMPORT = 'events/scenarios/first-import.json';

/**
 * Plays a scenario on the run's DynamoDB Local, saves it as `orgwarden local` would, and writes its
 * report with the CLI. With `table`, the stack stays up for it: `orgwarden report --table` reads it.
 */
const reportOf = async (
  file: string,
  table?: (name: string, endpoint: string) => Promise<void>,
): Promise<{ html: string; result: CliResult }> => {
  const scenario = await readScenario(file);
  const stack = await LocalStack.start({
    ...stackOptionsOf(scenario),
    dynamoEndpoint: inject('dynamoEndpoint'),
    logLevel: 'SILENT',
  });
  try {
    const { failures } = await rehearse(scenario, stack);
    const dir = stateDir();
    const run = {
      scenario: { name: scenario.name, description: scenario.description, file },
      ...(await buildReport(stack)),
      failures,
    };
    writeFileSync(join(dir, 'last-run.json'), JSON.stringify(run));
    const html = join(dir, `${file.split('/').pop()!.replace('.json', '')}.html`);
    const result = await orgwarden(['report', '--html', html], { ORGWARDEN_STATE_DIR: dir });
    await table?.(stack.environmentOf('audit').TABLE_NAME!, inject('dynamoEndpoint'));
    return { html, result };
  } finally {
    await stack.stop();
  }
};

describe('the report of each rehearsal shows its findings first, in headless Chromium', () => {
  const pages = new Map<string, { html: string; result: CliResult }>();
  let tableReport: { html: string; result: CliResult };
  let context: BrowserContext;

  beforeAll(async () => {
    ensureChromium();
    const browser = launchChromium().then((c) => (context = c));
    for (const file of [ENFORCED, GAP, TRANSFER, IMPORT]) pages.set(file, await reportOf(file));
    // The failed reaction's run, reported from the last run and from its table.
    pages.set(
      NO_MEMBERSHIP,
      await reportOf(NO_MEMBERSHIP, async (table, endpoint) => {
        const html = join(stateDir(), 'table.html');
        const result = await orgwarden(['report', '--html', html, '--table', table], {
          AWS_ENDPOINT_URL_DYNAMODB: endpoint,
          AWS_REGION: 'us-east-1',
          AWS_ACCESS_KEY_ID: 'local',
          AWS_SECRET_ACCESS_KEY: 'local',
          AWS_PROFILE: '',
        });
        tableReport = { html, result };
      }),
    );
    await browser;
  }, 10 * 60_000);

  afterAll(async () => {
    await context?.close();
  });

  /** Opens a report, screenshots it, and checks that it asked for nothing and logged no error. */
  const look = async (file: string, shot: string) => {
    const { html, result } = pages.get(file)!;
    expect(result.code).toBe(0);
    const { page, problems } = await openPage(context, html);
    await page.screenshot({ path: join(shotsDir(), shot), fullPage: true });
    expect(problems).toEqual([]);
    return page;
  };

  it('untrusted invitation under enforce: who was invited, cancelled, and the case opened', async () => {
    const page = await look(ENFORCED, 'untrusted-invitation-enforced.png');
    expect(await page.locator('#findings').evaluate((el) => el === el.parentElement!.firstElementChild)).toBe(true);
    expect(await page.locator('#untrusted tbody tr').count()).toBe(1);
    const row = await textOf(page, '#untrusted tbody tr');
    expect(row).toMatch(/^2026-11-02 09:10:00Z account 444444444444 invitation sent handshake:h-\w+ OPEN → CANCELED /);
    expect(row).toContain('enforce executed cancel-handshake on h-');
    expect(row).toMatch(/executed open-case on (\d+) Security IR case \1 opened for account:444444444444/);
    expect(await textOf(page, 'a.card[href="#untrusted"]')).toBe('1 untrusted parties');
  });

  it('a failed reaction: the case cannot be opened, and the page says why (SecurityIncidentResponseNotActiveException)', async () => {
    const page = await look(NO_MEMBERSHIP, 'untrusted-invitation-no-membership.png');
    const row = await textOf(page, '#untrusted tbody tr');
    expect(row).toContain('email ops@stranger.example.net invitation sent');
    expect(row).toContain('failed open-case SecurityIncidentResponseNotActiveException');
    expect(row).toContain('Security Incident Response is not active for this account.');
    expect(await page.locator('#reactions .chip.tone-bad.error').allInnerTexts()).toEqual([
      'SecurityIncidentResponseNotActiveException',
    ]);
    expect(await page.locator('a.card.alert[href="#reactions"]').innerText()).toContain('reactions (1 failed)');
  });

  it('report --table gives the same findings from a deployed table (its ledger) as the run', async () => {
    expect(tableReport.result).toMatchObject({ code: 0, stderr: '' });
    const { page, problems } = await openPage(context, tableReport.html);
    await page.screenshot({ path: join(shotsDir(), 'untrusted-invitation-no-membership-table.png'), fullPage: true });
    expect(problems).toEqual([]);
    const run = (await openPage(context, pages.get(NO_MEMBERSHIP)!.html)).page;
    for (const part of ['#untrusted', '#reactions']) expect(await textOf(page, part)).toBe(await textOf(run, part));
    expect(await textOf(page, '#untrusted tbody tr')).toContain('SecurityIncidentResponseNotActiveException');
    expect(await textOf(page, '#findings')).toContain('From the table: the events its ledger published');
  });

  it('coverage gap: the account, where it went, its coverage in warning colours, and what orgwarden did', async () => {
    const page = await look(GAP, 'coverage-gap.png');
    const rows = await page.locator('#coverage-gaps tbody tr').allInnerTexts();
    expect(rows).toHaveLength(2);
    const [joined, moved] = rows.map((r) => r.replace(/\s+/g, ' '));
    expect(joined).toMatch(/\d{12} sandbox-1 · sandbox-1@example\.com · created joined into r-\w+ /);
    expect(joined).toContain('Unassociated → Associated');
    expect(joined).toContain('failed check-coverage on m-');
    expect(joined).toContain("sits in the organization's root");
    expect(moved).toMatch(/moved into ou-[\w-]+ /);
    expect(moved).toContain('executed cover-account');
    expect(moved).toContain('executed confirm-coverage');
    // Warning colours, not the neutral purple: the gap's chips and the uncovered account's card.
    const color = 'el => getComputedStyle(el).color';
    const warn = await page.locator('#coverage-gaps .chip', { hasText: 'Unassociated' }).first().evaluate(color);
    const other = await page.evaluate(
      "(() => { const p = document.createElement('span'); p.className = 'chip tone-other'; document.body.append(p); return getComputedStyle(p).color; })()",
    );
    expect(warn).not.toBe(other);
    expect(
      await page.locator('article.subject:has(code:text-is("coverage:111111111111")) .chip.tone-warn').count(),
    ).toBe(2);
  });

  it('billing transfer lifecycle: who pays, and each deadline with the warnings sent before it', async () => {
    const page = await look(TRANSFER, 'billing-transfer-lifecycle.png');
    const rows = (await page.locator('#deadlines tbody tr').allInnerTexts()).map((r) => r.replace(/\s+/g, ' '));
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatch(
      /^2026-11-30 00:00:00Z passed transfer:rt-\w+ account 777777777777's organization pays this organization's bill from 2026-12-01 00:00Z until 2027-01-31 23:59Z acceptance 7d, 1d ENDED$/,
    );
    expect(rows[1]).toMatch(/ start 7d, 1d, 1h ENDED$/);
    expect(rows[2]).toMatch(/^2027-01-31 23:59:59Z passed .* end 7d, 1d, 1h ENDED$/);
    expect(await textOf(page, 'details.kind[data-kind="handshake"] article')).toContain(
      'billing-transfer invitation received from organization o-',
    );
  });

  it('first import: 805 subjects as a few cards by kind, the pending invitations with their invitees, the audit per source', async () => {
    const page = await look(IMPORT, 'first-import.png');
    // One card per history: 401 accounts, 401 placements; each pending invitation its own (who was invited).
    expect(await page.locator('article.subject').count()).toBe(5);
    expect(await textOf(page, 'details.kind[data-kind="account"] > summary')).toBe('account 401 JOINED 401');
    expect(await textOf(page, 'details.kind[data-kind="account"] article h3')).toMatch(
      /^401 account subjects JOINED v1/,
    );
    expect(await page.locator('details.members[open]').count()).toBe(0);
    expect(await page.locator('details.kind[data-kind="account"] ul.members li').count()).toBe(401);
    const deadlines = await textOf(page, '#deadlines tbody');
    expect(deadlines).toContain('INVITE handshake sent to account 444444444444');
    expect(deadlines).toContain('INVITE handshake sent to account 333333333333');
    expect(await textOf(page, '#untrusted')).toContain(
      'the first import took 3 handshake(s) or transfer(s) as a baseline, unjudged',
    );
    expect(await textOf(page, '#audit tbody tr:first-child')).toBe('account 401 0 0 0 yes 23');
    // The filter finds one account among the 401 and opens what holds it.
    await page.fill('#filter', 'account:111111111111');
    expect(await page.locator('article.subject:visible').count()).toBe(1);
  });
});
