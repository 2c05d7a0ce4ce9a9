import { PrismaAdapter } from '@next-auth/prisma-adapter';
import type { NextAuthOptions } from 'next-auth';
import type { Adapter } from 'next-auth/adapters';
import EmailProvider from 'next-auth/providers/email';
import type { OAuthConfig } from 'next-auth/providers/oauth';
import { z } from 'zod';
import { config, type AppConfig, type OidcConfig } from '../config';
import { db } from '../db/client';
import { signInMail } from '../mail/templates';
import { enqueueMail } from '../notifications/outbox';
import { hasControlCharacters } from '../text/safe-text';
import { safeReturnPath } from '../web/return-path';
import { clientNetwork } from '../web/trusted-proxies';
import { isInvited } from './invited';
import { linkOidcIdentity, type OidcProfile } from './oidc-link';
import { SIGN_IN_PER_ADDRESS, SIGN_IN_PER_IP, takeRateLimit } from './rate-limit';

/*
 * Sign-in for mayors and staff: a one-time e-mail link (next-auth's e-mail
 * provider, tokens and sessions in PostgreSQL), or the metropolitan city's
 * OpenID Connect provider when configured. Only invited, active addresses get a
 * link; every other address gets the same "check your mail" page, so the form
 * does not reveal who has an account.
 *
 * The checks live in the flow itself, whatever address the request came to
 * (next-auth reads /signin/email/anything as /signin/email): the address's
 * form, the limits per network address and per invited address, and the link
 * is written to the mail outbox in the request (a quick insert, the same for
 * everyone) and sent right after, not while the browser waits.
 */

export const SIGN_IN_PAGES = { signIn: '/accedi', verifyRequest: '/accedi/controlla', error: '/accedi/errore' } as const;

function oidcProvider(oidc: OidcConfig | null): OAuthConfig<OidcProfile> | null {
  if (!oidc) return null;
  return {
    id: 'oidc',
    name: oidc.name,
    type: 'oauth',
    wellKnown: `${oidc.issuer}/.well-known/openid-configuration`,
    authorization: { params: { scope: 'openid email profile' } },
    idToken: true,
    checks: ['pkce', 'state', 'nonce'],
    clientId: oidc.clientId,
    clientSecret: oidc.clientSecret,
    // Never linked by address alone: linkOidcIdentity links a verified address of an invited account, once.
    allowDangerousEmailAccountLinking: false,
    profile: (profile) => ({ id: profile.sub, email: profile.email?.toLowerCase() ?? null, name: profile.name ?? null }),
  };
}

function backToForm(reason: 'email' | 'limit', email: string, extra: Record<string, string> = {}): string {
  return `${SIGN_IN_PAGES.signIn}?${new URLSearchParams({ errore: reason, email: email.slice(0, 320), ...extra })}`;
}

/** The session of a role lasts this long at most, from when it was made or last renewed. */
function lifetimeMs(role: string, auth: AuthConfig): number {
  return (role === 'MAYOR' ? auth.sessionHours : auth.staffSessionHours) * 3600_000;
}

/*
 * next-auth's Prisma adapter, with what the portal needs of it: a missing
 * session is no error on sign-out (a stale cookie), a used link ends every
 * other link of the same address, and a session's expiry depends on the role.
 */
type AuthConfig = AppConfig['auth'];

function portalAdapter(auth: AuthConfig): Adapter {
  const base = PrismaAdapter(db() as unknown as Parameters<typeof PrismaAdapter>[0]);
  const capped = async (userId: string, expires: Date) => {
    const user = await db().user.findUnique({ where: { id: userId }, select: { role: true } });
    return new Date(Math.min(expires.getTime(), Date.now() + lifetimeMs(user?.role ?? 'MODERATOR', auth)));
  };
  return {
    ...base,
    async createSession(session) {
      return base.createSession!({ ...session, expires: await capped(session.userId, session.expires) });
    },
    async updateSession(session) {
      if (!session.expires) return base.updateSession!(session);
      const current = await db().session.findUnique({ where: { sessionToken: session.sessionToken }, select: { userId: true } });
      if (!current) return null;
      return base.updateSession!({ ...session, expires: await capped(current.userId, session.expires) });
    },
    async deleteSession(sessionToken) {
      await db().session.deleteMany({ where: { sessionToken } });
    },
    async useVerificationToken(params) {
      const used = await base.useVerificationToken!(params);
      if (used) await db().verificationToken.deleteMany({ where: { identifier: params.identifier } });
      return used;
    },
  };
}

export interface SignInRequest {
  /** The caller's address, as the front server determined it. */
  clientAddress: string;
}

/** next-auth's options for one request (the limits need the caller's address). */
export function authOptions(request: SignInRequest): NextAuthOptions {
  const { auth } = config();
  const minutes = auth.linkMinutes;
  const oidc = oidcProvider(auth.oidc);
  const base = auth.url;
  // Exactly the redirect a sent link gets: the answer must not tell invited from unknown addresses.
  const linkSent = `${base}/api/auth/verify-request?provider=email&type=email`;
  return {
    adapter: portalAdapter(auth),
    session: { strategy: 'database', maxAge: Math.max(auth.sessionHours, auth.staffSessionHours) * 3600, updateAge: 3600 },
    pages: SIGN_IN_PAGES,
    providers: [
      EmailProvider({
        maxAge: minutes * 60,
        // Lets a malformed address through to signIn below (back to the form, with what was typed); only what could
        // not even be looked up (control characters, absurd lengths) is refused here, with next-auth's error page.
        normalizeIdentifier: (identifier) => {
          const address = String(identifier).normalize('NFKC').trim().toLowerCase();
          if (address.length > 320 || hasControlCharacters(address)) throw new Error('not an e-mail address');
          return address;
        },
        async sendVerificationRequest({ identifier, url }) {
          await db().$transaction((tx) => enqueueMail(tx, 'signin', signInMail(identifier, url, minutes)));
        },
      }),
      ...(oidc ? [oidc] : []),
    ],
    callbacks: {
      async signIn({ user, account, profile, email }) {
        if (account?.type === 'oauth') return linkOidcIdentity(db(), account, profile as OidcProfile | undefined, SIGN_IN_PAGES.error);
        const address = user.email?.toLowerCase() ?? '';
        if (!email?.verificationRequest) return (await isInvited(db(), address)) ? true : `${SIGN_IN_PAGES.error}?error=AccessDenied`;
        if (!z.email().safeParse(address).success || address.length > 320) return backToForm('email', address);
        const perIp = await takeRateLimit(db(), SIGN_IN_PER_IP, clientNetwork(request.clientAddress));
        if (!perIp.allowed) return backToForm('limit', address, { minuti: String(Math.ceil(perIp.retryAfterSeconds / 60)) });
        if (!(await isInvited(db(), address))) return linkSent;
        // Counted only when a link is actually sent; past the limit the answer stays the same and no link goes out.
        const perAddress = await takeRateLimit(db(), SIGN_IN_PER_ADDRESS, address);
        return perAddress.allowed ? true : linkSent;
      },
      redirect({ url, baseUrl }) {
        // Only back to this portal: a path, or an address on its own origin (and anything else, a number say, home).
        if (typeof url !== 'string') return `${baseUrl}/area`;
        if (url.startsWith(baseUrl)) return `${baseUrl}${safeReturnPath(url.slice(baseUrl.length) || '/', '/area')}`;
        return `${baseUrl}${safeReturnPath(url, '/area')}`;
      },
    },
    events: {
      async signIn({ user }) {
        await db().user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
      },
    },
  };
}
