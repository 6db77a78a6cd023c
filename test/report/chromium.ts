import { execSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's Chromium, which playwright-core drives (it downloads no browser of its own here). */
export const CHROMIUM = '/usr/bin/chromium';

/** Installs Debian's chromium when it is missing (the machines here start without a browser). */
export const ensureChromium = (): void => {
  if (existsSync(CHROMIUM)) return;
  const quiet = { stdio: 'ignore' as const, timeout: 15 * 60_000 };
  try {
    execSync('apt-get install -y chromium', quiet);
  } catch {
    // A fresh machine has no package lists yet.
    execSync('apt-get update && apt-get install -y chromium', quiet);
  }
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is still missing after apt-get install chromium`);
};

/**
 * Headless Chromium with a fresh profile, without the background services this machine's closed
 * network would refuse (see the machine notes: they flood the log and slow every start).
 */
export const launchChromium = (): Promise<BrowserContext> =>
  chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'orgwarden-chromium-')), {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1200, height: 900 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
