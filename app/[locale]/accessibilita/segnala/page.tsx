import { ClientMessages } from '@/components/common/ClientMessages';
import { ReportForm } from '@/components/legal/ReportForm';
import { config } from '@/lib/config';
import { messagesFor } from '@/lib/i18n';
import { pageLocale, titled, type LocaleParams } from '../../_shared/locale';
import { one, type SearchParams } from '../../_shared/search-params';
import { sendReportAction } from './actions';

export const generateMetadata = titled('accessibilityReport.title');
// The page a citizen came from (?pagina=/comuni/…) fills the form's page field.
export const dynamic = 'force-dynamic';

export default async function ReportPage({ params, searchParams }: { params: LocaleParams; searchParams: SearchParams }) {
  const { locale, t } = await pageLocale(params);
  const from = one((await searchParams).pagina) ?? '';
  return (
    <div>
      <h1 className="text-3xl font-bold">{t('accessibilityReport.title')}</h1>
      <p className="mt-2 max-w-2xl">{t('accessibilityReport.intro')}</p>
      <ClientMessages locale={locale} messages={messagesFor(locale, ['accessibilityReport'])}>
        <ReportForm
          action={sendReportAction}
          locale={locale}
          initialPage={from.startsWith('/') ? from.slice(0, 500) : ''}
          exampleUrl={`${config().publicUrl}/comuni/…`}
        />
      </ClientMessages>
    </div>
  );
}
