import Link from 'next/link';
import { AccessDenied } from '@/components/auth/AccessDenied';
import { buttonClass, Outcome, StaffNav } from '@/components/staff/StaffNav';
import { StaffForm } from '@/components/staff/StaffForm';
import { notificationSetting } from '@/lib/admin/settings';
import { db } from '@/lib/db/client';
import { formatDate } from '@/lib/i18n';
import { undeliveredMail } from '@/lib/notifications/outbox';
import { failingMediaChecks } from '@/lib/uploads/media-check';
import type { LocaleParams } from '../_shared/locale';
import { one, staffMetadata, staffPage, type SearchParams } from './_shared/page';

export const dynamic = 'force-dynamic';
export const metadata = staffMetadata;

const NOTICES = ['IMMEDIATE', 'DAILY', 'NONE'] as const;

export default async function StaffHome({ params, searchParams }: { params: LocaleParams; searchParams: SearchParams }) {
  const { locale, t, user, isAdmin, formError } = await staffPage(params, 'moderate', '/staff', searchParams);
  if (!user) return <AccessDenied t={t} />;
  const [waiting, oldest, mail, setting, checks] = await Promise.all([
    db().video.count({ where: { status: 'SUBMITTED', isDemo: false } }),
    db().video.findFirst({ where: { status: 'SUBMITTED', isDemo: false }, orderBy: { submittedAt: 'asc' }, select: { submittedAt: true } }),
    undeliveredMail(db()),
    notificationSetting(db(), user),
    failingMediaChecks(db()),
  ]);
  const saved = one((await searchParams).esito) === 'salvato';
  return (
    <div className="space-y-8">
      <StaffNav t={t} error={formError} current="home" isAdmin={isAdmin} title={t('staff.consoleTitle')} />
      <Outcome text={saved ? t('staff.saved') : null} />
      <section aria-labelledby="queue-title">
        <h2 id="queue-title" className="text-xl font-semibold"><Link href="/staff/moderazione">{t('staff.waiting', { count: waiting })}</Link></h2>
        {oldest?.submittedAt ? <p>{t('staff.oldestWaiting', { date: formatDate(locale, oldest.submittedAt) })}</p> : null}
      </section>
      {mail.length ? (
        <section aria-labelledby="mail-title" className="rounded border-2 border-amber-700 bg-amber-50 p-3">
          <h2 id="mail-title" className="text-xl font-semibold">{t('staff.undelivered', { count: mail.length })}</h2>
          <p>{t('staff.undeliveredHelp')}</p>
          <div className="overflow-x-auto">
            <table className="mt-2 w-full text-left">
              <thead><tr><th scope="col" className="p-1">{t('staff.mailTo')}</th><th scope="col" className="p-1">{t('staff.mailSubject')}</th><th scope="col" className="p-1">{t('staff.mailAttempts')}</th><th scope="col" className="p-1">{t('staff.mailError')}</th></tr></thead>
              <tbody>
                {mail.map((m) => (
                  <tr key={String(m.id)} className="border-t border-amber-300"><td className="p-1">{m.recipient}</td><td className="p-1">{m.subject}</td><td className="p-1">{m.attempts}</td><td className="p-1">{m.lastError ?? '—'}</td></tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
      {checks.length ? (
        <section aria-labelledby="checks-title" className="rounded border-2 border-amber-700 bg-amber-50 p-3">
          <h2 id="checks-title" className="text-xl font-semibold">{t('staff.checksFailing', { count: checks.length })}</h2>
          <p>{t('staff.checksFailingHelp')}</p>
          <div className="overflow-x-auto">
            <table className="mt-2 w-full text-left">
              <thead><tr><th scope="col" className="p-1">{t('staff.checkComune')}</th><th scope="col" className="p-1">{t('staff.checkFile')}</th><th scope="col" className="p-1">{t('staff.mailAttempts')}</th><th scope="col" className="p-1">{t('staff.mailError')}</th></tr></thead>
              <tbody>
                {checks.map((c) => (
                  <tr key={c.mediaId} className="border-t border-amber-300"><td className="p-1">{c.comune}</td><td className="p-1">{c.name} ({formatDate(locale, c.uploadedAt)})</td><td className="p-1">{c.attempts}</td><td className="p-1">{c.lastError}</td></tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
      <section aria-labelledby="notify-title">
        <h2 id="notify-title" className="text-xl font-semibold">{t('staff.notifyTitle')}</h2>
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
          <button type="submit" className={buttonClass}>{t('staff.save')}</button>
        </StaffForm>
      </section>
    </div>
  );
}
