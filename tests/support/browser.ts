import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
}

/**
 * A browser context that can reach only the portal on loopback: every other
 * request is recorded and answered locally, so a test can prove that a page
 * asks nothing of YouTube (or anyone else) and no traffic leaves the machine.
 * What the Content-Security-Policy blocked is recorded too (`blocked`): a page
 * that works only because a script ran anyway would show up there.
 */
export async function isolatedContext(
  browser: Browser,
  options: { locale?: string; ignoreHTTPSErrors?: boolean; phone?: boolean } = {},
): Promise<{ context: BrowserContext; external: string[]; blocked: string[] }> {
  const context = await browser.newContext({
    locale: options.locale ?? 'it-IT',
    ignoreHTTPSErrors: options.ignoreHTTPSErrors,
    // A touch screen, as a citizen's phone: taps, not mouse clicks.
    ...(options.phone ? { hasTouch: true, isMobile: true, viewport: { width: 390, height: 844 } } : {}),
  });
  const external: string[] = [];
  const blocked: string[] = [];
  await context.exposeBinding('__vcPolicyViolation', (_source, text: string) => void blocked.push(text));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      (window as unknown as { __vcPolicyViolation: (text: string) => void }).__vcPolicyViolation(
        `${event.violatedDirective} ${event.blockedURI} at ${location.pathname}`,
      );
    });
  });
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1' || url.hostname === 'localhost') return route.continue();
    external.push(url.toString());
    return route.fulfill({ status: 204, body: '' });
  });
  return { context, external, blocked };
}

/** WCAG 2.1 A and AA violations on the page as it is now. */
export async function wcagViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
}
