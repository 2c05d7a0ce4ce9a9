import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Timeline } from '@/components/mayor/Timeline';
import { AuditTable } from '@/components/staff/AuditTable';
import { ReasonField } from '@/components/staff/ReasonField';
import { StaffForm } from '@/components/staff/StaffForm';
import { buttonClass, inputClass, Outcome, StaffNav } from '@/components/staff/StaffNav';
import { FilePlayer } from '@/components/video/FilePlayer';
import { Transcript } from '@/components/video/Transcript';
import { transcriptEntries } from '@/components/video/transcript-entries';
import { activeTemplates } from '@/lib/admin/templates';
import { auditLog } from '@/lib/audit';
import { videoPath } from '@/lib/catalog/paths';
import { db } from '@/lib/db/client';
import { nextEditorialStatus } from '@/lib/editorial/transitions';
import { formatDate, formatDateTime, formatDuration, formatMegabytes, themeLabel } from '@/lib/i18n';
import { syncTimeline } from '@/lib/youtube/overview';
import { latestStats } from '@/lib/youtube/refresh';
import { transcriptOf } from '@/lib/messages/captions';
import { MESSAGE_LANGUAGES } from '@/lib/messages/form';
import { DECISIONS, DECISIONS_NEEDING_REASON, EDITABLE_BY_STAFF, messageForStaff, ModerationError, type Decision } from '@/lib/moderation';
import { one, staffMetadata, staffPage, type SearchParams } from '../../_shared/page';
import { titled } from '../../../_shared/locale';

export const dynamic = 'force-dynamic';
export const generateMetadata = titled('staff.queue', staffMetadata);

type Params = Promise<{ locale: string; id: string }>;

const OUTCOMES = ['approve', 'requestChanges', 'reject', 'withdraw', 'modificato'] as const;

export default async function StaffMessagePage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const { id } = await params;
  const { locale, t, user, isAdmin, formError } = await staffPage(params, 'moderate', `/staff/moderazione/${id}`, searchParams);
  const message = await messageForStaff(db(), user, id).catch((error: unknown) => {
    if (error instanceof ModerationError) notFound();
    throw error;
  });
  const [themes, templates, audit, sync, stats] = await Promise.all([
    db().theme.findMany({
      where: { OR: [{ active: true }, { id: { in: message.themes.map((th) => th.themeId) } }] },
      orderBy: { position: 'asc' },
      select: { id: true, labelIt: true, labelEn: true },
    }),
    activeTemplates(db(), user),
    auditLog(db(), user, { subjectType: 'message', subjectId: message.id }, 1, 100),
    syncTimeline(db(), message.id),
    latestStats(db(), [message.id]),
  ]);
  const views = stats.get(message.id);
  const esito = one((await searchParams).esito);
  const shown = OUTCOMES.find((o) => o === esito);
  const outcome = shown ? t(`staff.outcome.${shown}`) : null;
  // The decisions the transition table allows from here (approval goes on to publication).
  const decisions = DECISIONS.filter((d) => nextEditorialStatus(message.status, d) !== null);
  const chosenThemes = new Set(message.themes.map((th) => th.themeId));
  const editable = EDITABLE_BY_STAFF.includes(message.status);
  const media = message.media;
  return (
    <div className="space-y-8">
      <StaffNav t={t} error={formError} current="queue" isAdmin={isAdmin} title={message.title} />
      <p>
        <Link href="/staff/moderazione">{t('staff.back')}</Link>
      </p>
      <Outcome text={outcome} />
      <p>
        {t('staff.messageFrom', { comune: message.municipality.name })} · <strong>{t(`status.${message.status}`)}</strong>
        {message.status === 'PUBLISHED' ? (
          <>
            {' '}
            · <Link href={videoPath(message.id)}>{t('staff.publicPage')}</Link>
          </>
        ) : null}
      </p>
      {message.author ? <p>{t('staff.author', { name: message.author.name, email: message.author.email })}</p> : null}

      <section aria-labelledby="video-title" className="space-y-2">
        <h2 id="video-title" className="text-xl font-semibold">
          {t('staff.watch')}
        </h2>
        {media?.status === 'READY' ? (
          <>
            <div className="max-w-3xl">
              <FilePlayer
                mediaId={media.id}
                title={message.title}
                captionsUrl={message.captions ? `/api/staff/moderazione/${message.id}/captions.vtt` : null}
                captionsLanguage={message.language}
                captionsLabel={t('staff.captions')}
                fallback={t('video.download')}
              />
            </div>
            <p>
              {t('staff.file')}:{' '}
              {t('staff.fileDetails', {
                name: media.originalName,
                size: formatMegabytes(media.sizeBytes),
                width: media.width ?? '?',
                height: media.height ?? '?',
                codec: media.videoCodec ?? '?',
                duration: formatDuration(Math.round((media.durationMs ?? 0) / 1000)),
              })}
            </p>
            <p className="break-all text-sm">
              {t('staff.checksum')}: <code>{media.sha256}</code>
            </p>
          </>
        ) : (
          <p>{t('staff.noMedia')}</p>
        )}
        <h3 className="text-lg font-semibold">{t('staff.consent')}</h3>
        <p>
          {message.consentGiven ? t('staff.consentYes') : t('staff.consentNo')} {message.minorsShown ? t('staff.minorsYes') : t('staff.minorsNo')}{' '}
          {message.madeForKids ? t('staff.madeForKidsYes') : t('staff.madeForKidsNo')}
        </p>
        <h3 className="text-lg font-semibold">{t('staff.captions')}</h3>
        {message.captions ? (
          // What the mayor says, line by line; a time moves the player above there, to check the words against the video.
          <Transcript entries={transcriptEntries(transcriptOf(message.captions), t)} language={message.language} canSeek={media?.status === 'READY'} />
        ) : (
          <p>{t('staff.noCaptions')}</p>
        )}
      </section>

      {decisions.length ? (
        <section aria-labelledby="decision-title">
          <h2 id="decision-title" className="text-xl font-semibold">
            {t('staff.decisionTitle')}
          </h2>
          <p>{t('staff.decisionHelp')}</p>
          <StaffForm
            action={`/api/staff/moderazione/${message.id}/decisione`}
            errorsTitle={t('staff.formErrors')}
            sendingLabel={t('staff.sending')}
            className="mt-2 space-y-3 rounded border border-stone-300 bg-white p-3"
          >
            <input type="hidden" name="locale" value={locale} />
            <input type="hidden" name="expectedStatus" value={message.status} />
            <input type="hidden" name="revision" value={message.revision} />
            <fieldset>
              <legend className="font-semibold">{t('staff.decision')}</legend>
              {decisions.map((d: Decision, i) => (
                <label key={d} className="mt-1 flex items-center gap-2">
                  <input type="radio" name="decision" value={d} defaultChecked={i === 0} required /> {t(`staff.decisions.${d}`)}
                </label>
              ))}
            </fieldset>
            <ReasonField
              idPrefix="decision"
              templates={decisions.some((d) => DECISIONS_NEEDING_REASON.has(d)) ? templates : []}
              labels={{ reason: t('staff.reason'), template: t('staff.reasonTemplate'), none: t('staff.noTemplate'), use: t('staff.useTemplate') }}
              kindLabels={{ requestChanges: t('staff.templateKinds.requestChanges'), reject: t('staff.templateKinds.reject') }}
            />
            <button type="submit" className={buttonClass}>
              {t('staff.confirm')}
            </button>
          </StaffForm>
        </section>
      ) : (
        <p>{t('staff.noDecision')}</p>
      )}

      {editable ? (
        <section aria-labelledby="metadata-title">
          <h2 id="metadata-title" className="text-xl font-semibold">
            {t('staff.metadata')}
          </h2>
          <p>{t('staff.metadataHelp')}</p>
          <StaffForm
            action={`/api/staff/moderazione/${message.id}/metadati`}
            errorsTitle={t('staff.formErrors')}
            sendingLabel={t('staff.sending')}
            className="mt-2 space-y-3 rounded border border-stone-300 bg-white p-3"
          >
            <input type="hidden" name="locale" value={locale} />
            <input type="hidden" name="revision" value={message.revision} />
            <label className="block">
              {t('staff.title')}
              <input name="title" defaultValue={message.title} maxLength={100} required className={inputClass} />
            </label>
            <label className="block">
              {t('staff.description')}
              <textarea name="description" defaultValue={message.description} maxLength={5000} rows={6} className={inputClass} />
            </label>
            <label className="block">
              {t('staff.language')}
              <select name="language" defaultValue={message.language} className={inputClass}>
                {MESSAGE_LANGUAGES.map((l) => (
                  <option key={l} value={l}>
                    {t(`form.languages.${l}`)}
                  </option>
                ))}
              </select>
            </label>
            <fieldset>
              <legend>{t('staff.themesLegend')}</legend>
              <div className="grid gap-1 sm:grid-cols-2">
                {themes.map((th) => (
                  <label key={th.id} className="flex items-center gap-2">
                    <input type="checkbox" name="themes" value={th.id} defaultChecked={chosenThemes.has(th.id)} /> {themeLabel(locale, th)}
                  </label>
                ))}
              </div>
            </fieldset>
            <button type="submit" className={buttonClass}>
              {t('staff.saveMetadata')}
            </button>
          </StaffForm>
        </section>
      ) : null}

      <section aria-labelledby="history-title">
        <h2 id="history-title" className="text-xl font-semibold">
          {t('staff.history')}
        </h2>
        <Timeline steps={message.transitions} t={t} locale={locale} />
      </section>
      {sync ? (
        <section aria-labelledby="sync-title">
          <h2 id="sync-title" className="text-xl font-semibold">
            {t('youtube.syncs')}: {t(`youtube.states.${sync.state}`)}
          </h2>
          {views ? <p>{t('youtube.stats', { views: views.views, likes: views.likes, comments: views.comments, date: formatDate(locale, views.at) })}</p> : null}
          {sync.lastError ? (
            <p className="text-sm">
              {t('youtube.lastError')}: {sync.lastError}
            </p>
          ) : null}
          <ol className="mt-2 space-y-1 border-l-2 border-primary pl-4">
            {sync.transitions.map((step, i) => (
              <li key={i}>
                <strong>{t(`youtube.states.${step.to}`)}</strong> — <time dateTime={step.at.toISOString()}>{formatDateTime(locale, step.at, true)}</time>
                {step.detail ? ` (${step.detail})` : ''}
              </li>
            ))}
          </ol>
          <p className="mt-2">
            <Link href="/staff/youtube">{t('youtube.title')}</Link>
          </p>
        </section>
      ) : null}
      <section aria-labelledby="audit-title">
        <h2 id="audit-title" className="text-xl font-semibold">
          {t('staff.auditHere')}
        </h2>
        <AuditTable rows={audit.rows} t={t} locale={locale} />
      </section>
    </div>
  );
}
