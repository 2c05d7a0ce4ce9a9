import { cookies, headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { config } from '@/lib/config';
import { db } from '@/lib/db/client';
import { formatDateTime } from '@/lib/i18n';
import { sameSecret } from '@/lib/auth/same-secret';
import { DEMO_KEY_COOKIE, DEMO_KEY_PARAM } from '@/lib/mail/demo-key';
import { demoInboxMail } from '@/lib/mail/demo-mailbox';
import { DEMO_USERS } from '@/lib/seed/demo-accounts';
import { pageLocale, type LocaleParams, titled } from '../_shared/locale';
import { one, type SearchParams } from '../_shared/search-params';

export const generateMetadata = titled('inbox.title', { robots: { index: false } });

export const dynamic = 'force-dynamic';

/*
 * Exists only in demo mode (the launcher catches mail locally) and only for a
 * browser on this machine: the front server marks such requests, and strips
 * the mark from anything a visitor sends. Even then it shows mail only with
 * the key the run command printed (a proxy in front of a loopback portal can
 * make a stranger's request look local): once given in the address, proxy.ts
 * keeps it in a cookie.
 */
export default async function DemoInboxPage({ params, searchParams }: { params: LocaleParams; searchParams: SearchParams }) {
  const { locale, t } = await pageLocale(params);
  const { demoInbox } = config();
  if (!demoInbox || (await headers()).get('x-vc-local') !== '1') notFound();
  const given = one((await searchParams)[DEMO_KEY_PARAM]) ?? (await cookies()).get(DEMO_KEY_COOKIE)?.value;
  if (!sameSecret(demoInbox.key, given)) {
    return (
      <div className="max-w-3xl">
        <h1 className="text-3xl font-bold">{t('inbox.keyTitle')}</h1>
        <p className="mt-2">{t('inbox.keyText')}</p>
      </div>
    );
  }
  const mails = await demoInboxMail(db());
  return (
    <div className="max-w-3xl">
      <h1 className="text-3xl font-bold">{t('inbox.title')}</h1>
      <p className="mt-2">{t('inbox.intro', { email: DEMO_USERS.mayor })}</p>
      {mails.length === 0 ? <p className="mt-4">{t('inbox.empty')}</p> : null}
      <ol className="mt-4 space-y-4">
        {mails.map((mail) => (
          <li key={String(mail.id)} className="rounded border border-stone-300 bg-white p-4">
            <h2 className="text-lg font-semibold">{mail.subject}</h2>
            <p className="text-sm text-stone-700">
              {t('inbox.to', { to: mail.recipients })} · {t('inbox.received', { date: formatDateTime(locale, mail.receivedAt, true) })}
            </p>
            <div className="mt-2 whitespace-pre-wrap break-words">
              {mail.text.split(/(https?:\/\/\S+)/g).map((part, i) =>
                /^https?:\/\//.test(part) ? (
                  <a key={i} href={part}>
                    {part}
                  </a>
                ) : (
                  part
                ),
              )}
            </div>
          </li>
        ))}
      </ol>
    </div>
  );
}
