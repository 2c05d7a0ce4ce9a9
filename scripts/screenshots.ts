/*
 * Refreshes docs/screenshots/: the home page, a comune, a message and the
 * staff's moderation queue, on a phone (390 px) and a desktop (1280 px), from
 * a running demo portal (bash scripts/run-portal.sh), in Debian's Chromium.
 * The moderator signs in as a person would: the sign-in form, then the link
 * from the demo inbox (its key is in the data folder).
 *
 *   npm run screenshots -- [--url http://127.0.0.1:3000] [--chromium /usr/bin/chromium]
 * (VC_DATA_DIR as the portal's, when it is not .data)
 */
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Page } from 'playwright-core';
import { config } from '../lib/config';
import { DEMO_USERS } from '../lib/seed/demo-accounts';

const { values } = parseArgs({
  options: { url: { type: 'string', default: 'http://127.0.0.1:3000' }, chromium: { type: 'string', default: '/usr/bin/chromium' } },
});
const base = values.url.replace(/\/$/, '');
const { dataDir } = config();
const out = path.resolve('docs/screenshots');
const WIDTHS = [390, 1280] as const;

async function signInAsModerator(page: Page): Promise<void> {
  const inbox = `${base}/posta-demo?chiave=${readFileSync(path.join(dataDir, 'demo-key'), 'utf8').trim()}`;
  const linksNow = async () => {
    await page.goto(inbox);
    return page
      .locator('li', { hasText: DEMO_USERS.moderator })
      .locator('a[href*="/api/auth/callback/email"]')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  };
  const before = new Set(await linksNow());
  await page.goto(`${base}/accedi`);
  await page.locator('#email').fill(DEMO_USERS.moderator);
  await page.locator('form[action="/api/auth/signin/email"] button[type="submit"]').click();
  await page.waitForURL(/\/accedi\/controlla/);
  for (let i = 0; i < 80; i++) {
    const fresh = (await linksNow()).find((l) => l && !before.has(l));
    if (fresh) {
      await page.goto(fresh);
      return;
    }
    await page.waitForTimeout(250);
  }
  throw new Error('no sign-in link arrived in the demo inbox');
}

async function main(): Promise<void> {
  const message = (await (await fetch(`${base}/api/v1/videos?limit=1`)).json()) as { data: Array<{ url: string }> };
  const messagePath = new URL(message.data[0]!.url).pathname;
  const browser = await chromium.launch({
    executablePath: values.chromium,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  await mkdir(out, { recursive: true });
  try {
    for (const width of WIDTHS) {
      const context = await browser.newContext({ locale: 'it-IT', viewport: { width, height: width < 600 ? 844 : 900 }, deviceScaleFactor: 1 });
      const page = await context.newPage();
      const shots: Array<[name: string, url: string]> = [
        ['home', `${base}/`],
        ['comune', `${base}/comuni/001272-torino`],
        ['messaggio', `${base}${messagePath}`],
      ];
      for (const [name, url] of shots) {
        await page.goto(url, { waitUntil: 'networkidle' });
        await page.screenshot({ path: path.join(out, `${name}-${width}.png`) });
      }
      await signInAsModerator(page);
      await page.goto(`${base}/staff/moderazione`, { waitUntil: 'networkidle' });
      await page.screenshot({ path: path.join(out, `staff-moderazione-${width}.png`) });
      await context.close();
      console.log(`docs/screenshots: home, comune, messaggio, staff-moderazione at ${width} px`);
    }
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
