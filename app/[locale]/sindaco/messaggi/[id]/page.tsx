import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ClientMessages } from '@/components/common/ClientMessages';
import { MessageForm } from '@/components/mayor/MessageForm';
import { Timeline } from '@/components/mayor/Timeline';
import { WithdrawButton } from '@/components/mayor/WithdrawButton';
import { userForPage } from '@/lib/auth/guard';
import { db } from '@/lib/db/client';
import { activeElection } from '@/lib/elections';
import { formatDate, type MessageKey } from '@/lib/i18n';
import { EDITABLE_STATUSES, MessageActionError, messageForMayor } from '@/lib/messages/service';
import { pageLocale, titled } from '../../../_shared/locale';
import { formContext } from '../../_shared';
import { saveMessageAction, withdrawMessageAction } from '../../actions';

export const generateMetadata = titled('form.editTitle', { robots: { index: false } });

export const dynamic = 'force-dynamic';

type Params = Promise<{ locale: string; id: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const OUTCOMES: Record<string, MessageKey> = {
  salvato: 'form.saved',
  inviato: 'form.submitted',
  ritirato: 'form.withdrawn',
  conflict: 'form.errors.conflict',
  notEditable: 'form.errors.notEditable',
};

export default async function EditMessagePage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const { locale, t } = await pageLocale(params);
  const { id } = await params;
  const user = await userForPage(['MAYOR'], `/sindaco/messaggi/${id}`);
  if (!/^[0-9a-f-]{36}$/.test(id)) notFound();
  const message = await messageForMayor(db(), user, id).catch((error: unknown) => {
    if (error instanceof MessageActionError) notFound();
    throw error;
  });
  const outcome = (await searchParams).esito;
  const notice = typeof outcome === 'string' && OUTCOMES[outcome] ? t(OUTCOMES[outcome]) : null;
  const editable = EDITABLE_STATUSES.includes(message.status);
  const themeIds = message.themes.map((theme) => theme.themeId);
  const [{ messages, ...context }, election] = await Promise.all([formContext(locale, themeIds), activeElection(db(), user.municipalityIstat!)]);
  const statusLabel = t(`status.${message.status}` as MessageKey);
  return (
    <div className="max-w-3xl space-y-6">
      <p>
        <Link href="/sindaco">← {t('mayor.back')}</Link>
      </p>
      <h1 className="text-3xl font-bold">{editable ? t('form.editTitle') : message.title}</h1>
      {notice ? (
        <p role="status" className="rounded border-2 border-primary bg-primary-light p-3 font-semibold">
          {notice}
        </p>
      ) : null}
      <p>
        {t('mayor.state')}: <strong data-status={message.status}>{statusLabel}</strong>
      </p>
      {election && message.status !== 'SUBMITTED' ? (
        <p role="status" className="rounded border-2 border-amber-700 bg-amber-50 p-3">
          {t('mayor.election', { date: formatDate(locale, election.endsOn) })}
        </p>
      ) : null}
      {editable ? (
        <ClientMessages locale={locale} messages={messages}>
          <MessageForm
            action={saveMessageAction}
            locale={locale}
            videoId={message.id}
            status={message.status}
            initial={{
              values: {
                title: message.title,
                description: message.description,
                themes: themeIds,
                language: message.language,
                mediaId: message.mediaId,
                consentGiven: message.consentGiven,
                minorsShown: message.minorsShown,
                madeForKids: message.madeForKids,
              },
              errors: {},
            }}
            media={message.media?.status === 'READY' ? { id: message.media.id, name: message.media.originalName, durationMs: message.media.durationMs } : null}
            captionsCount={message.captions ? message.captions.split('-->').length - 1 : 0}
            canSubmit={!election && message.status !== 'SUBMITTED'}
            {...context}
          />
        </ClientMessages>
      ) : (
        <p>{t('form.readOnly', { status: statusLabel.toLowerCase() })}</p>
      )}
      {message.status !== 'WITHDRAWN' && message.status !== 'REJECTED' ? (
        <WithdrawButton
          action={withdrawMessageAction}
          videoId={message.id}
          status={message.status}
          label={t('form.withdraw')}
          confirm={t('form.withdrawConfirm')}
        />
      ) : null}
      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title" className="text-xl font-semibold">
          {t('mayor.timeline')}
        </h2>
        <div className="mt-2">
          <Timeline steps={message.transitions} t={t} locale={locale} />
        </div>
      </section>
    </div>
  );
}
