import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '@/lib/db/embedded';

/** Debian's Chromium with its DevTools port open on loopback, as Lighthouse drives it; resolves once it answers there. */
export async function startDebuggableChromium(): Promise<{ port: number; stop: () => void }> {
  const port = await freePort();
  const chrome = spawn(
    process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--no-first-run',
      `--remote-debugging-port=${port}`,
      `--user-data-dir=${mkdtempSync(path.join(os.tmpdir(), 'vc-lighthouse-'))}`,
      'about:blank',
    ],
    { stdio: 'ignore' },
  );
  const deadline = Date.now() + 20_000;
  while (
    !(await fetch(`http://127.0.0.1:${port}/json/version`).then(
      (r) => r.ok,
      () => false,
    ))
  ) {
    if (Date.now() > deadline) {
      chrome.kill('SIGKILL');
      throw new Error('Chromium did not open its DevTools port');
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { port, stop: () => chrome.kill('SIGKILL') };
}
