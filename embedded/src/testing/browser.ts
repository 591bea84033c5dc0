import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome-stable'];

/**
 * A real browser for tests: Debian's `chromium` (or `CHROMIUM_PATH`) driven by playwright-core — no
 * browser download. Without one, browser tests are skipped loudly; with ZHONGTAI_REQUIRE_BROWSER=1 (CI)
 * they fail instead.
 */
export function browserForTests(): { executablePath?: string; reason?: string } {
  const executablePath = [process.env.CHROMIUM_PATH, ...CANDIDATES].find((p) => p && existsSync(p));
  if (executablePath) return { executablePath };
  const reason = 'no Chromium found (apt-get install chromium, or set CHROMIUM_PATH)';
  if (process.env.ZHONGTAI_REQUIRE_BROWSER === '1')
    throw new Error(`browser tests are required (ZHONGTAI_REQUIRE_BROWSER=1) but ${reason}`);
  console.warn(`\n*** SKIPPING BROWSER TESTS: ${reason}. ***\n`);
  return { reason };
}

export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
