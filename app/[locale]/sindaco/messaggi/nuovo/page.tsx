import { ClientMessages } from '@/components/common/ClientMessages';
import { MessageForm } from '@/components/mayor/MessageForm';
import { userForPage } from '@/lib/auth/guard';
import { db } from '@/lib/db/client';
import { activeElection } from '@/lib/elections';
import { formatDate } from '@/lib/i18n';
import { pageLocale, type LocaleParams, titled } from '../../../_shared/locale';
import { formContext } from '../../_shared';
import { saveMessageAction } from '../../actions';

export const generateMetadata = titled('form.newTitle', { robots: { index: false } });

export const dynamic = 'force-dynamic';

export default async function NewMessagePage({ params }: { params: LocaleParams }) {
  const { locale, t } = await pageLocale(params);
  const user = await userForPage(['MAYOR'], '/sindaco/messaggi/nuovo');
  const [{ messages, ...context }, election] = await Promise.all([formContext(locale), activeElection(db(), user.municipalityIstat!)]);
  return (
    <div className="max-w-3xl space-y-4">
      <h1 className="text-3xl font-bold">{t('form.newTitle')}</h1>
      {election ? (
        <p role="status" className="rounded border-2 border-amber-700 bg-amber-50 p-3">
          {t('mayor.election', { date: formatDate(locale, election.endsOn) })}
        </p>
      ) : null}
      <ClientMessages locale={locale} messages={messages}>
        <MessageForm
          action={saveMessageAction}
          locale={locale}
          videoId={null}
          status="DRAFT"
          initial={{
            values: { title: '', description: '', themes: [], language: locale, mediaId: null, consentGiven: false, minorsShown: false, madeForKids: false },
            errors: {},
          }}
          media={null}
          captionsCount={0}
          canSubmit={!election}
          {...context}
        />
      </ClientMessages>
    </div>
  );
}
