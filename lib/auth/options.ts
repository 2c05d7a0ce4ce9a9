import { PrismaAdapter } from '@next-auth/prisma-adapter';
import type { NextAuthOptions } from 'next-auth';
import EmailProvider from 'next-auth/providers/email';
import type { OAuthConfig } from 'next-auth/providers/oauth';
import { z } from 'zod';
import { config } from '../config';
import { db } from '../db/client';
import { sendMail } from '../mail/send';
import { signInMail } from '../mail/templates';
import { isInvited } from './invited';

/*
 * Sign-in for mayors and staff: a one-time e-mail link (next-auth's e-mail
 * provider, tokens and sessions in PostgreSQL), or the metropolitan city's
 * OpenID Connect provider when configured. Only invited, active addresses get a
 * link; every other address gets the same "check your mail" page, so the form
 * does not reveal who has an account.
 */

export const SIGN_IN_PAGES = { signIn: '/accedi', verifyRequest: '/accedi/controlla', error: '/accedi/errore' } as const;

const env = z.object({
  VC_SIGNIN_LINK_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  VC_OIDC_ISSUER: z.url().optional(),
  VC_OIDC_CLIENT_ID: z.string().min(1).optional(),
  VC_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  VC_OIDC_NAME: z.string().min(1).default('Città metropolitana'),
});

export function signInLinkMinutes(): number {
  return env.parse(process.env).VC_SIGNIN_LINK_MINUTES;
}

/** The OpenID Connect provider's name for the sign-in button, or null when none is configured. */
export function oidcProviderName(): string | null {
  const settings = env.parse(process.env);
  return oidcProvider(settings) ? settings.VC_OIDC_NAME : null;
}

interface OidcProfile {
  sub: string;
  email?: string;
  name?: string;
}

function oidcProvider(settings: z.infer<typeof env>): OAuthConfig<OidcProfile> | null {
  if (!settings.VC_OIDC_ISSUER || !settings.VC_OIDC_CLIENT_ID || !settings.VC_OIDC_CLIENT_SECRET) return null;
  return {
    id: 'oidc',
    name: settings.VC_OIDC_NAME,
    type: 'oauth',
    wellKnown: `${settings.VC_OIDC_ISSUER.replace(/\/$/, '')}/.well-known/openid-configuration`,
    authorization: { params: { scope: 'openid email profile' } },
    idToken: true,
    checks: ['pkce', 'state'],
    clientId: settings.VC_OIDC_CLIENT_ID,
    clientSecret: settings.VC_OIDC_CLIENT_SECRET,
    // The identity provider vouches for the address; the account must still be invited here.
    allowDangerousEmailAccountLinking: true,
    profile: (profile) => ({ id: profile.sub, email: profile.email?.toLowerCase() ?? null, name: profile.name ?? null }),
  };
}

let cached: NextAuthOptions | null = null;

export function authOptions(): NextAuthOptions {
  if (cached) return cached;
  const settings = env.parse(process.env);
  const minutes = settings.VC_SIGNIN_LINK_MINUTES;
  const oidc = oidcProvider(settings);
  cached = {
    adapter: PrismaAdapter(db() as unknown as Parameters<typeof PrismaAdapter>[0]),
    session: { strategy: 'database', maxAge: 30 * 24 * 60 * 60, updateAge: 24 * 60 * 60 },
    pages: SIGN_IN_PAGES,
    providers: [
      EmailProvider({
        maxAge: minutes * 60,
        sendVerificationRequest: async ({ identifier, url }) => sendMail(signInMail(identifier, url, minutes)),
      }),
      ...(oidc ? [oidc] : []),
    ],
    callbacks: {
      async signIn({ user, email }) {
        const address = user.email?.toLowerCase();
        if (address && (await isInvited(db(), address))) return true;
        // Exactly the redirect a sent link gets: the answer must not tell invited from unknown addresses.
        const base = (process.env.NEXTAUTH_URL ?? config().publicUrl).replace(/\/$/, '');
        return email?.verificationRequest ? `${base}/api/auth/verify-request?provider=email&type=email` : `${SIGN_IN_PAGES.error}?error=AccessDenied`;
      },
    },
    events: {
      async signIn({ user }) {
        await db().user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
      },
    },
  };
  return cached;
}
