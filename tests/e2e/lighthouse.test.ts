import lighthouse from 'lighthouse';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, type Db } from '@/lib/db/client';
import { startDebuggableChromium } from '../support/debuggable-chromium';

/*
 * Issue 13: Lighthouse's accessibility score is 100 on the citizens' pages,
 * measured as Google's tool measures it (its own audits beside axe's), in
 * Debian's Chromium on a phone-sized screen, against the shared demo portal.
 */

const base = inject('baseUrl');
let db: Db;
let chrome: { port: number; stop: () => void };

beforeAll(async () => {
  db = createDb(inject('portalDatabaseUrl'), 2);
  chrome = await startDebuggableChromium();
});
afterAll(async () => {
  chrome?.stop();
  await db?.$disconnect();
});

describe('Lighthouse accessibility', () => {
  it('scores 100 on the home, comune, theme, message, search and accessibility-statement pages', async () => {
    const message = await db.video.findFirstOrThrow({ where: { isDemo: true, status: 'PUBLISHED' }, select: { id: true } });
    const pages = ['/', '/comuni/001272-torino', '/temi/solidarieta', `/messaggi/${message.id}`, '/cerca?q=spesa', '/accessibilita'];
    const seen: string[] = [];
    for (const page of pages) {
      const result = await lighthouse(`${base}${page}`, { port: chrome.port, onlyCategories: ['accessibility'], logLevel: 'error', output: 'json' });
      const report = result!.lhr;
      const failing = Object.values(report.audits)
        .filter((audit) => audit.score !== null && audit.score < 1 && audit.scoreDisplayMode !== 'informative' && audit.scoreDisplayMode !== 'manual')
        .map((audit) => audit.id);
      seen.push(`${page}: ${Math.round((report.categories.accessibility?.score ?? 0) * 100)} ${failing.join(' ')}`.trim());
    }
    expect(seen).toEqual(pages.map((page) => `${page}: 100`));
  }, 240_000);
});
