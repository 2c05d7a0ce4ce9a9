import { EmbedBox } from '@/components/share/EmbedBox';
import { BriefingBox } from '@/components/mayor/BriefingBox';
import { CallCards } from '@/components/mayor/CallCards';
import { briefingPreferences } from '@/lib/coordination/briefing';
import { nextMeeting } from '@/lib/coordination/meetings';
import { openCallsFor } from '@/lib/calls';
import { config } from '@/lib/config';
import { municipalitySnippet } from '@/lib/embeds/snippet';
import Link from 'next/link';
import { SignOutButton } from '@/components/auth/SignOutButton';
import { userForPage } from '@/lib/auth/guard';
import { db } from '@/lib/db/client';
import { activeElection } from '@/lib/elections';
import { formatDate, type MessageKey } from '@/lib/i18n';
import { municipalityMessages } from '@/lib/messages/service';
import { pageLocale, type LocaleParams, titled } from '../_shared/locale';
import { one, type SearchParams } from '../_shared/search-params';
import { Timeline } from '@/components/mayor/Timeline';
import { municipalityPath, videoPath } from '@/lib/catalog/paths';

export const generateMetadata = titled('auth.areaLink', { robots: { index: false } });

export const dynamic = 'force-dynamic';

const CALL_OUTCOMES = {
  'appello-rifiutato': 'declined',
  'appello-chiuso': 'closed',
  'appello-non-valido': 'invalid',
  'notiziario-salvato': 'briefingSaved',
} as const;

export default async function MayorDashboard({ params, searchParams }: { params: LocaleParams; searchParams: SearchParams }) {
  const { locale, t } = await pageLocale(params);
  const user = await userForPage(['MAYOR'], '/sindaco');
  const esito = one((await searchParams).esito) ?? '';
  const callOutcome = Object.hasOwn(CALL_OUTCOMES, esito) ? CALL_OUTCOMES[esito as keyof typeof CALL_OUTCOMES] : null;
  const [comune, messages, election, calls, meeting, preferences] = await Promise.all([
    db().municipality.findUniqueOrThrow({ where: { istatCode: user.municipalityIstat! }, select: { name: true, istatCode: true, slug: true } }),
    municipalityMessages(db(), user),
    activeElection(db(), user.municipalityIstat!),
    openCallsFor(db(), user),
    nextMeeting(db()),
    briefingPreferences(db(), user),
  ]);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-3xl font-bold">{t('mayor.dashboardTitle', { comune: comune.name })}</h1>
          <p>{t('auth.signedInAs', { name: user.name })}</p>
        </div>
        <SignOutButton label={t('auth.signOut')} />
      </div>
      {election ? (
        <p role="status" className="rounded border-2 border-amber-700 bg-amber-50 p-3">
          {t('mayor.election', { date: formatDate(locale, election.endsOn) })}
        </p>
      ) : null}
      {callOutcome ? (
        <p role="status" className="rounded border-2 border-primary bg-white p-3">
          {t(`mayor.callOutcomes.${callOutcome}`)}
        </p>
      ) : null}
      <CallCards t={t} locale={locale} institution={config().institution.name} calls={calls} />
      <p>
        <Link href="/sindaco/messaggi/nuovo" className="inline-block rounded bg-primary px-4 py-2 font-semibold text-white no-underline">
          {t('mayor.newMessage')}
        </Link>
      </p>
      <p>
        <a href={`${municipalityPath(comune)}/bollettino.pdf`}>{t('municipality.bulletin')}</a>
      </p>
      <BriefingBox t={t} locale={locale} meeting={meeting} preferences={preferences} />
      <EmbedBox t={t} kind="municipality" snippet={municipalitySnippet(t, locale, comune)} />
      {messages.length === 0 ? <p>{t('mayor.none')}</p> : null}
      <ul className="space-y-4">
        {messages.map((message) => (
          <li key={message.id} className="rounded border border-stone-300 bg-white p-4">
            <h2 className="text-xl font-semibold">
              <Link href={`/sindaco/messaggi/${message.id}`}>{message.title}</Link>
            </h2>
            <p>
              {t('mayor.state')}: <strong data-status={message.status}>{t(`status.${message.status}` as MessageKey)}</strong> ·{' '}
              {t('mayor.lastChange', { date: formatDate(locale, message.updatedAt) })}
            </p>
            {message.status === 'PUBLISHED' ? (
              <p>
                <a href={`${videoPath(message.id)}/manifesto.pdf`}>{t('video.poster')}</a>
              </p>
            ) : null}
            <details className="mt-2">
              <summary>{t('mayor.timeline')}</summary>
              <div className="mt-2">
                <Timeline steps={message.transitions} t={t} locale={locale} />
              </div>
            </details>
          </li>
        ))}
      </ul>
    </div>
  );
}
