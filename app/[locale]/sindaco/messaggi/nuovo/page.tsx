import { ClientMessages } from '@/components/common/ClientMessages';
import { MessageForm } from '@/components/mayor/MessageForm';
import { userForPage } from '@/lib/auth/guard';
import { answerableCall } from '@/lib/calls';
import { db } from '@/lib/db/client';
import { rowId } from '@/lib/db/ids';
import { activeElection } from '@/lib/elections';
import { formatDate } from '@/lib/i18n';
import { pageLocale, type LocaleParams, titled } from '../../../_shared/locale';
import { one, type SearchParams } from '../../../_shared/search-params';
import { formContext } from '../../_shared';
import { saveMessageAction } from '../../actions';

export const generateMetadata = titled('form.newTitle', { robots: { index: false } });

export const dynamic = 'force-dynamic';

export default async function NewMessagePage({ params, searchParams }: { params: LocaleParams; searchParams: SearchParams }) {
  const { locale, t } = await pageLocale(params);
  const user = await userForPage(['MAYOR'], '/sindaco/messaggi/nuovo');
  // ?appello=<id>: the message answers a call that asks the comune (an unknown or closed one is ignored).
  const asked = rowId.safeParse(one((await searchParams).appello));
  const [{ messages, ...context }, election, call] = await Promise.all([
    formContext(locale),
    activeElection(db(), user.municipalityIstat!),
    asked.success ? answerableCall(db(), user, asked.data) : null,
  ]);
  return (
    <div className="max-w-3xl space-y-4">
      <h1 className="text-3xl font-bold">{t('form.newTitle')}</h1>
      {election ? (
        <p role="status" className="rounded border-2 border-amber-700 bg-amber-50 p-3">
          {t('mayor.election', { date: formatDate(locale, election.endsOn) })}
        </p>
      ) : null}
      {call ? (
        <p role="status" className="rounded border-2 border-primary bg-primary-light p-3">
          {t('mayor.callAnswering', { title: call.title, themes: call.themes.length })}
        </p>
      ) : null}
      <ClientMessages locale={locale} messages={messages}>
        <MessageForm
          action={saveMessageAction}
          locale={locale}
          videoId={null}
          status="DRAFT"
          initial={{
            values: {
              title: '',
              description: '',
              themes: call?.themes ?? [],
              language: locale,
              mediaId: null,
              consentGiven: false,
              minorsShown: false,
              madeForKids: false,
            },
            errors: {},
          }}
          media={null}
          captionsCount={0}
          canSubmit={!election}
          callId={call?.id}
          {...context}
        />
      </ClientMessages>
    </div>
  );
}
