import Link from 'next/link';
import { RowAction, StaffForm } from '@/components/staff/StaffForm';
import { buttonClass, Outcome, secondaryButtonClass, StaffNav } from '@/components/staff/StaffNav';
import { db } from '@/lib/db/client';
import { formatDate, formatDateTime, formatMegabytes } from '@/lib/i18n';
import { youtubeTarget } from '@/lib/youtube/api';
import { youtubeOverview } from '@/lib/youtube/overview';
import { canRetrySync } from '@/lib/youtube/sync-apply';
import { STANDIN_PATH } from '@/lib/youtube/standin/constants';
import type { LocaleParams } from '../../_shared/locale';
import { one, staffMetadata, staffPage, type SearchParams } from '../_shared/page';
import { titled } from '../../_shared/locale';

export const dynamic = 'force-dynamic';
export const generateMetadata = titled('youtube.title', staffMetadata);

const WAITS = ['quota', 'channel', 'backoff', 'processing'] as const;
const CONNECT_ERRORS = ['configurazione', 'stato', 'negato', 'connessione'] as const;

export default async function YoutubePage({ params, searchParams }: { params: LocaleParams; searchParams: SearchParams }) {
  const { locale, t, user, isAdmin, formError } = await staffPage(params, 'moderate', '/staff/youtube', searchParams);
  const { channel, quota, waiting, syncs } = await youtubeOverview(db(), user);
  const target = youtubeTarget();
  const query = await searchParams;
  const esito = one(query.esito);
  const connectError = CONNECT_ERRORS.find((code) => code === one(query.errore));
  const outcome =
    esito === 'collegato'
      ? t('youtube.connectedOutcome')
      : esito === 'scollegato'
        ? t('youtube.disconnectedOutcome')
        : esito === 'riprova'
          ? t('youtube.retried')
          : null;
  const waitLabel = (reason: string | null) => {
    const known = WAITS.find((k) => k === reason);
    return known ? t(`youtube.waitingFor.${known}`) : '—';
  };
  const formProps = { action: '/api/staff/youtube', errorsTitle: t('staff.formErrors'), sendingLabel: t('staff.sending') };
  return (
    <div className="space-y-8">
      <StaffNav t={t} error={formError} current="youtube" isAdmin={isAdmin} title={t('youtube.title')} />
      <Outcome text={outcome} />
      {connectError ? (
        <p role="alert" className="rounded border-2 border-red-700 bg-red-50 p-3">
          {t(`youtube.connectErrors.${connectError}`)}
        </p>
      ) : null}
      <p>{t('youtube.intro')}</p>
      <section aria-labelledby="channel-title" className="space-y-2">
        <h2 id="channel-title" className="text-xl font-semibold">
          {t('youtube.channel')}
        </h2>
        {!target ? <p>{t('youtube.notConfigured')}</p> : null}
        {target?.standinRoot ? (
          <p>
            {t('youtube.standin')} <a href={`${STANDIN_PATH}/`}>{t('youtube.standinLink')}</a>
          </p>
        ) : null}
        {channel && !channel.disconnectedAt ? <p>{t('youtube.connected', { title: channel.title, date: formatDate(locale, channel.connectedAt) })}</p> : null}
        {channel?.disconnectedAt ? (
          <p className="rounded border-2 border-amber-700 bg-amber-50 p-3">
            {t('youtube.disconnected', { title: channel.title, reason: channel.disconnectReason ?? '' })}
          </p>
        ) : null}
        {!channel ? <p>{t('youtube.none')}</p> : null}
        {isAdmin && target ? (
          <div className="flex flex-wrap gap-3">
            {/* A plain GET form: the answer redirects to Google's consent page, which client-side navigation cannot follow. */}
            <form method="get" action="/api/staff/youtube/collega">
              <button type="submit" className={buttonClass}>
                {channel ? t('youtube.reconnect') : t('youtube.connect')}
              </button>
            </form>
            {channel && !channel.disconnectedAt ? (
              <StaffForm {...formProps}>
                <input type="hidden" name="locale" value={locale} />
                <input type="hidden" name="intent" value="disconnect" />
                <button type="submit" className={secondaryButtonClass}>
                  {t('youtube.disconnect')}
                </button>
              </StaffForm>
            ) : null}
          </div>
        ) : null}
      </section>
      <section aria-labelledby="quota-title">
        <h2 id="quota-title" className="text-xl font-semibold">
          {t('youtube.quota')}
        </h2>
        <ul className="list-disc pl-5">
          <li>{t('youtube.quotaUnits', quota.units)}</li>
          <li>{t('youtube.quotaUploads', quota.uploads)}</li>
        </ul>
        <p>{t('youtube.quotaReset', { date: formatDateTime(locale, quota.resetAt) })}</p>
      </section>
      <section aria-labelledby="waiting-title">
        <h2 id="waiting-title" className="text-xl font-semibold">
          {t('youtube.waiting')}
        </h2>
        {waiting.length === 0 ? (
          <p>{t('youtube.waitingNone')}</p>
        ) : (
          <ul className="space-y-1">
            {waiting.map((w) => (
              <li key={w.key}>
                <Link href={`/staff/moderazione/${w.key}`}>{w.title}</Link> — {waitLabel(w.waitingFor)} ({formatDateTime(locale, w.runAt)})
                {w.lastError ? <span className="block text-sm text-stone-700">{w.lastError}</span> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="syncs-title">
        <h2 id="syncs-title" className="text-xl font-semibold">
          {t('youtube.syncs')}
        </h2>
        {syncs.length === 0 ? (
          <p>{t('youtube.noSyncs')}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="mt-2 w-full border-collapse text-left">
              <thead>
                <tr className="border-b border-stone-400">
                  <th scope="col" className="p-2">
                    {t('youtube.message')}
                  </th>
                  <th scope="col" className="p-2">
                    {t('youtube.state')}
                  </th>
                  <th scope="col" className="p-2">
                    {t('youtube.progress')}
                  </th>
                  <th scope="col" className="p-2">
                    {t('youtube.lastError')}
                  </th>
                  <th scope="col" className="p-2">
                    {t('youtube.when')}
                  </th>
                  <td />
                </tr>
              </thead>
              <tbody>
                {syncs.map((s) => (
                  <tr key={s.videoId} className="border-b border-stone-200 align-top">
                    <th scope="row" className="p-2 font-normal">
                      <Link href={`/staff/moderazione/${s.videoId}`}>{s.video.title}</Link>{' '}
                      <span className="text-sm text-stone-700">({s.video.municipality.name})</span>
                    </th>
                    <td className="p-2">{t(`youtube.states.${s.state}`)}</td>
                    <td className="p-2 tabular-nums">
                      {formatMegabytes(s.bytesConfirmed)} / {formatMegabytes(s.bytesTotal)}
                    </td>
                    <td className="p-2 text-sm">{s.lastError ?? '—'}</td>
                    <td className="p-2">{formatDateTime(locale, s.updatedAt)}</td>
                    <td className="p-2">
                      {canRetrySync(s.state) ? (
                        <RowAction
                          {...formProps}
                          fields={{ locale, videoId: s.videoId }}
                          label={t('youtube.retry')}
                          itemLabel={s.video.title}
                          className={secondaryButtonClass}
                        />
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
