import Link from 'next/link';
import { DEMO_INBOX_PATH } from '@/lib/mail/demo-key';
import { config } from '@/lib/config';
import { pageLocale, type LocaleParams, titled } from '../../_shared/locale';

export const generateMetadata = titled('auth.checkTitle', { robots: { index: false } });

export const dynamic = 'force-dynamic';

export default async function CheckMailPage({ params }: { params: LocaleParams }) {
  const { t } = await pageLocale(params);
  const { auth, demoInbox } = config();
  return (
    <div className="max-w-2xl">
      <h1 className="text-3xl font-bold">{t('auth.checkTitle')}</h1>
      <p className="mt-2" role="status">
        {t('auth.checkText', { minutes: auth.linkMinutes })}
      </p>
      {demoInbox ? (
        <p className="mt-4 rounded border border-amber-600 bg-amber-50 p-3">
          {t('auth.checkDemo')} <Link href={DEMO_INBOX_PATH}>{t('auth.openDemoInbox')}</Link>
        </p>
      ) : null}
    </div>
  );
}
