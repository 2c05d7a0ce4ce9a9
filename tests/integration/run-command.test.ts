import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/* The README's run command, as a newcomer might start it to serve a network. */
function runCommand(env: Record<string, string>) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'vc-run-'));
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(childEnv)) if (name.startsWith('VC_') || name === 'DATABASE_URL') delete childEnv[name];
  Object.assign(childEnv, { VC_DATA_DIR: dataDir, PORT: '0' }, env);
  const result = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/portal.ts'], {
    env: childEnv,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { ...result, dataDir };
}

describe('the run command on a network address', () => {
  it('refuses to start without a mail server, and says what to set, before starting anything', () => {
    const result = runCommand({ HOST: '0.0.0.0', VC_YOUTUBE: 'off' });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/will not start/);
    expect(result.stderr).toMatch(/VC_SMTP_URL/);
    expect(result.stderr).toMatch(/\/posta-demo/);
    expect(existsSync(path.join(result.dataDir, 'pg'))).toBe(false);
  });

  it('refuses to start without YouTube credentials unless told to publish on the portal only', () => {
    const result = runCommand({ HOST: '0.0.0.0', VC_SMTP_URL: 'smtp://127.0.0.1:2525' });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/VC_YOUTUBE_CLIENT_ID/);
    expect(result.stderr).toMatch(/VC_YOUTUBE=off/);
  });

  it('refuses demo mode on a network address even when asked for it', () => {
    const result = runCommand({ HOST: '0.0.0.0', VC_DEMO_MODE: '1', VC_SMTP_URL: 'smtp://127.0.0.1:2525', VC_YOUTUBE: 'off' });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/VC_DEMO_MODE=1 needs a loopback address/);
  });
});
