import Link from 'next/link';
import { signInLinkMinutes } from '@/lib/auth/options';
import { pageLocale, type LocaleParams } from '../../_shared/locale';

export const dynamic = 'force-dynamic';

export default async function CheckMailPage({ params }: { params: LocaleParams }) {
  const { t } = await pageLocale(params);
  const demo = process.env.VC_DEMO_INBOX === '1';
  return (
    <div className="max-w-2xl">
      <h1 className="text-3xl font-bold">{t('auth.checkTitle')}</h1>
      <p className="mt-2" role="status">
        {t('auth.checkText', { minutes: signInLinkMinutes() })}
      </p>
      {demo ? (
        <p className="mt-4 rounded border border-amber-600 bg-amber-50 p-3">
          {t('auth.checkDemo')} <Link href="/posta-demo">{t('auth.openDemoInbox')}</Link>
        </p>
      ) : null}
    </div>
  );
}
