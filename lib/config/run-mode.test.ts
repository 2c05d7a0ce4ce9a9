import { describe, expect, it } from 'vitest';
import { decideRunMode } from './run-mode';

const google = { VC_YOUTUBE_CLIENT_ID: 'id.apps.googleusercontent.com', VC_YOUTUBE_CLIENT_SECRET: 'secret' };
const smtp = { VC_SMTP_URL: 'smtp://portale:password@mail.example.it:587' };

describe('the run mode', () => {
  it('is demo mode on the default loopback listener: demo inbox and YouTube stand-in', () => {
    expect(decideRunMode({})).toEqual({ ok: true, mode: { demo: true, demoInbox: true, youtube: 'standin' } });
    expect(decideRunMode({ HOST: '::1' })).toMatchObject({ ok: true, mode: { demo: true } });
  });

  it('refuses to serve a network without a mail server, and says what to set', () => {
    const decision = decideRunMode({ HOST: '0.0.0.0', ...google });
    expect(decision.ok).toBe(false);
    expect(!decision.ok && decision.problems.join('\n')).toMatch(/VC_SMTP_URL/);
  });

  it('refuses to serve a network without YouTube credentials unless told to run without YouTube', () => {
    const decision = decideRunMode({ HOST: '0.0.0.0', ...smtp });
    expect(!decision.ok && decision.problems.join('\n')).toMatch(/VC_YOUTUBE_CLIENT_ID.*VC_YOUTUBE=off/s);
    expect(decideRunMode({ HOST: '0.0.0.0', ...smtp, VC_YOUTUBE: 'off' })).toEqual({ ok: true, mode: { demo: false, demoInbox: false, youtube: 'off' } });
    expect(decideRunMode({ HOST: '0.0.0.0', ...smtp, ...google })).toEqual({ ok: true, mode: { demo: false, demoInbox: false, youtube: 'google' } });
  });

  it('is not demo mode behind a proxy or with a public address, even on loopback', () => {
    expect(decideRunMode({ VC_TRUSTED_PROXIES: '127.0.0.1' }).ok).toBe(false);
    expect(decideRunMode({ VC_PUBLIC_URL: 'https://voci.cittametropolitana.torino.it' }).ok).toBe(false);
    expect(decideRunMode({ VC_PUBLIC_URL: 'https://voci.cittametropolitana.torino.it', ...smtp, ...google })).toMatchObject({
      ok: true,
      mode: { demo: false },
    });
  });

  it('never turns demo mode on for a network address, even when asked', () => {
    const decision = decideRunMode({ HOST: '0.0.0.0', VC_DEMO_MODE: '1', ...smtp, ...google });
    expect(!decision.ok && decision.problems.join('\n')).toMatch(/VC_DEMO_MODE=1 needs a loopback address/);
  });

  it('keeps the demo inbox off when a mail server is configured, and the stand-in off with Google credentials', () => {
    expect(decideRunMode({ ...smtp, ...google })).toEqual({ ok: true, mode: { demo: true, demoInbox: false, youtube: 'google' } });
    expect(decideRunMode({ VC_DEMO_MODE: '0', ...smtp, ...google })).toEqual({ ok: true, mode: { demo: false, demoInbox: false, youtube: 'google' } });
  });

  it('asks a production deployment for the settings its processes must share', () => {
    const network = { HOST: '127.0.0.1', VC_TRUSTED_PROXIES: 'loopback', NODE_ENV: 'production', ...smtp, ...google };
    const decision = decideRunMode(network);
    expect(!decision.ok && decision.problems.join('\n')).toMatch(/set VC_PUBLIC_URL[\s\S]*set NEXTAUTH_SECRET[\s\S]*set VC_TOKEN_KEY/);
    expect(decideRunMode({ ...network, VC_PUBLIC_URL: 'https://voci.example.it', NEXTAUTH_SECRET: 'x'.repeat(32), VC_TOKEN_KEY: 'k'.repeat(44) }).ok).toBe(
      true,
    );
  });
});
