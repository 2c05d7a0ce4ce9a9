import { envFlag } from './index';
import { isLoopbackHost } from '../web/trusted-proxies';

/*
 * How the run command may run the portal, decided once before anything
 * starts. The demo conveniences (the demo inbox that shows every mail,
 * sign-in links included; the local YouTube stand-in and its channel; demo
 * accounts) let a newcomer try the portal with nothing configured, and would
 * let anyone take it over if they could reach them. They exist only in demo
 * mode, and demo mode exists only on a loopback listener with a loopback
 * public address and no proxy in front. A portal that serves a network must
 * name its mail server and its YouTube credentials (or say it runs without
 * YouTube); otherwise it does not start, and says what to set.
 */

export interface RunMode {
  /** Demo conveniences on. */
  demo: boolean;
  /** Mail goes to the demo inbox (no SMTP configured, demo mode). */
  demoInbox: boolean;
  /** Where YouTube is: Google, the local stand-in (demo mode), or nowhere (VC_YOUTUBE=off). */
  youtube: 'google' | 'standin' | 'off';
}

export type RunModeDecision = { ok: true; mode: RunMode } | { ok: false; problems: string[] };

type Env = Record<string, string | undefined>;

/** A flag as the operator wrote it; an unreadable one counts as not given. */
function flag(value: string | undefined): boolean | undefined {
  return envFlag.safeParse(value).data;
}

function publicUrlIsLoopback(value: string | undefined): boolean {
  if (!value) return true;
  try {
    return isLoopbackHost(new URL(value).hostname);
  } catch {
    return false;
  }
}

/** From this process's environment unless given one (the tests). */
export function decideRunMode(env: Env = process.env): RunModeDecision {
  const host = env.HOST ?? '127.0.0.1';
  const local = isLoopbackHost(host) && publicUrlIsLoopback(env.VC_PUBLIC_URL) && !env.VC_TRUSTED_PROXIES;
  const asked = flag(env.VC_DEMO_MODE);
  const problems: string[] = [];
  if (asked === true && !local) {
    problems.push(
      'VC_DEMO_MODE=1 needs a loopback address: demo mode shows every mail (sign-in links included) and a fake YouTube to whoever reaches the portal. ' +
        'Keep HOST=127.0.0.1 (and VC_PUBLIC_URL on localhost, no VC_TRUSTED_PROXIES), or turn demo mode off.',
    );
  }
  const demo = asked ?? local;
  const smtp = Boolean(env.VC_SMTP_URL);
  if (!smtp && !demo) {
    problems.push(
      `No mail server: set VC_SMTP_URL (smtp://user:password@mail.example.it:587) and VC_MAIL_FROM, so that sign-in links reach people by mail. ` +
        `Without one the portal shows every mail, sign-in links included, at /posta-demo, which it does only in demo mode on a loopback address (HOST=127.0.0.1); HOST is ${host}.`,
    );
  }
  const google = Boolean(env.VC_YOUTUBE_CLIENT_ID && env.VC_YOUTUBE_CLIENT_SECRET);
  const youtubeOff = env.VC_YOUTUBE === 'off';
  if (!google && !youtubeOff && !demo) {
    problems.push(
      'No YouTube credentials: set VC_YOUTUBE_CLIENT_ID and VC_YOUTUBE_CLIENT_SECRET (README, "YouTube"), or VC_YOUTUBE=off to publish on the portal only. ' +
        'The local YouTube stand-in runs only in demo mode on a loopback address (HOST=127.0.0.1).',
    );
  }
  // Several processes of one installation must agree on these; each would otherwise make (or guess) its own.
  if (env.NODE_ENV === 'production' && !demo) {
    for (const [name, what] of [
      ['VC_PUBLIC_URL', 'the address citizens use (https://…), for links in mail, feeds and the API'],
      ['NEXTAUTH_SECRET', 'the secret that signs sessions (openssl rand -hex 32), the same in every web process'],
      ['VC_TOKEN_KEY', 'the key of the YouTube token and of the alerts’ confirmation links (openssl rand -base64 32), the same in every process'],
    ] as const) {
      if (!env[name]) problems.push(`NODE_ENV=production: set ${name}, ${what} (docs/DEPLOY.md).`);
    }
  }
  if (problems.length) return { ok: false, problems };
  return { ok: true, mode: { demo, demoInbox: !smtp, youtube: google ? 'google' : youtubeOff ? 'off' : 'standin' } };
}
