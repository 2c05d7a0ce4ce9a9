import Link from 'next/link';
import { buttonClass, Outcome, StaffNav } from '@/components/staff/StaffNav';
import { AttentionTable } from '@/components/staff/AttentionTable';
import { StaffForm } from '@/components/staff/StaffForm';
import { notificationSetting } from '@/lib/admin/settings';
import { db } from '@/lib/db/client';
import { openReportCount } from '@/lib/feedback/accessibility-reports';
import { formatDate } from '@/lib/i18n';
import { undeliveredMail } from '@/lib/notifications/outbox';
import { failingMediaChecks } from '@/lib/uploads/media-check';
import type { LocaleParams } from '../_shared/locale';
import { one, staffMetadata, staffPage, type SearchParams } from './_shared/page';
import { titled } from '../_shared/locale';

export const dynamic = 'force-dynamic';
export const generateMetadata = titled('staff.consoleTitle', staffMetadata);

const NOTICES = ['IMMEDIATE', 'DAILY', 'NONE'] as const;

export default async function StaffHome({ params, searchParams }: { params: LocaleParams; searchParams: SearchParams }) {
  const { locale, t, user, isAdmin, formError } = await staffPage(params, 'moderate', '/staff', searchParams);
  const [waiting, oldest, mail, setting, checks, reports] = await Promise.all([
    db().video.count({ where: { status: 'SUBMITTED', isDemo: false } }),
    db().video.findFirst({ where: { status: 'SUBMITTED', isDemo: false }, orderBy: { submittedAt: 'asc' }, select: { submittedAt: true } }),
    undeliveredMail(db()),
    notificationSetting(db(), user),
    failingMediaChecks(db()),
    openReportCount(db()),
  ]);
  const saved = one((await searchParams).esito) === 'salvato';
  return (
    <div className="space-y-8">
      <StaffNav t={t} error={formError} current="home" isAdmin={isAdmin} title={t('staff.consoleTitle')} />
      <Outcome text={saved ? t('staff.saved') : null} />
      <section aria-labelledby="queue-title">
        <h2 id="queue-title" className="text-xl font-semibold">
          <Link href="/staff/moderazione">{t('staff.waiting', { count: waiting })}</Link>
        </h2>
        {oldest?.submittedAt ? <p>{t('staff.oldestWaiting', { date: formatDate(locale, oldest.submittedAt) })}</p> : null}
      </section>
      <section aria-labelledby="reports-title">
        <h2 id="reports-title" className="text-xl font-semibold">
          <Link href="/staff/segnalazioni">{t('accessibilityReport.staffCount', { count: reports })}</Link>
        </h2>
      </section>
      {mail.length ? (
        <AttentionTable
          id="mail-title"
          title={t('staff.undelivered', { count: mail.length })}
          help={t('staff.undeliveredHelp')}
          headers={[t('staff.mailTo'), t('staff.mailSubject'), t('staff.mailAttempts'), t('staff.mailError')]}
          rows={mail.map((m) => ({ key: String(m.id), cells: [m.recipient, m.subject, m.attempts, m.lastError ?? '—'] }))}
        />
      ) : null}
      {checks.length ? (
        <AttentionTable
          id="checks-title"
          title={t('staff.checksFailing', { count: checks.length })}
          help={t('staff.checksFailingHelp')}
          headers={[t('staff.checkComune'), t('staff.checkFile'), t('staff.mailAttempts'), t('staff.mailError')]}
          rows={checks.map((c) => ({ key: c.mediaId, cells: [c.comune, `${c.name} (${formatDate(locale, c.uploadedAt)})`, c.attempts, c.lastError] }))}
        />
      ) : null}
      <section aria-labelledby="notify-title">
        <h2 id="notify-title" className="text-xl font-semibold">
          {t('staff.notifyTitle')}
        </h2>
        <StaffForm action="/api/staff/impostazioni" errorsTitle={t('staff.formErrors')} sendingLabel={t('staff.sending')} className="mt-2 space-y-3">
          <input type="hidden" name="locale" value={locale} />
          <fieldset>
            <legend>{t('staff.notifyLegend')}</legend>
            {NOTICES.map((n) => (
              <label key={n} className="mt-1 flex items-center gap-2">
                <input type="radio" name="notifySubmissions" value={n} defaultChecked={setting === n} /> {t(`staff.notify.${n}`)}
              </label>
            ))}
          </fieldset>
          <button type="submit" className={buttonClass}>
            {t('staff.save')}
          </button>
        </StaffForm>
      </section>
    </div>
  );
}
