import { StaffForm } from '@/components/staff/StaffForm';
import { Outcome, secondaryButtonClass, StaffNav } from '@/components/staff/StaffNav';
import { db } from '@/lib/db/client';
import { reportsForStaff } from '@/lib/feedback/accessibility-reports';
import { formatDate, formatDateTime } from '@/lib/i18n';
import { titled, type LocaleParams } from '../../_shared/locale';
import { one, staffMetadata, staffPage, type SearchParams } from '../_shared/page';

export const dynamic = 'force-dynamic';
export const generateMetadata = titled('staff.reports', staffMetadata);

export default async function ReportsPage({ params, searchParams }: { params: LocaleParams; searchParams: SearchParams }) {
  const { locale, t, isAdmin, formError } = await staffPage(params, 'moderate', '/staff/segnalazioni', searchParams);
  const { open, answered } = await reportsForStaff(db());
  const saved = one((await searchParams).esito) === 'salvato';
  const formProps = { action: '/api/staff/segnalazioni', errorsTitle: t('staff.formErrors'), sendingLabel: t('staff.sending') };
  const rows = [...open, ...answered];
  return (
    <div className="space-y-6">
      <StaffNav t={t} error={formError} current="reports" isAdmin={isAdmin} title={t('staff.reports')} />
      <Outcome text={saved ? t('staff.saved') : null} />
      <p>{t('accessibilityReport.staffIntro')}</p>
      <p role="status">{t('accessibilityReport.staffCount', { count: open.length })}</p>
      {rows.length === 0 ? <p>{t('accessibilityReport.staffNone')}</p> : null}
      <ul className="space-y-4">
        {rows.map((report) => (
          <li key={report.id} className="rounded border border-stone-300 bg-white p-3">
            <article aria-labelledby={`report-${report.id}`}>
              <h2 id={`report-${report.id}`} className="text-lg font-semibold">
                {t('accessibilityReport.staffReceived')} {formatDateTime(locale, report.createdAt)} ·{' '}
                {report.answeredAt
                  ? t('accessibilityReport.staffAnswered', { date: formatDate(locale, report.answeredAt) })
                  : t('accessibilityReport.staffOpen')}
              </h2>
              <p className="break-words">
                {t('accessibilityReport.staffFrom')}: {report.name ? `${report.name} ` : ''}
                <a href={`mailto:${report.email}`}>{report.email}</a>
              </p>
              {report.pageUrl ? (
                <p className="break-words">
                  {t('accessibilityReport.staffPage')}: <a href={report.pageUrl}>{report.pageUrl}</a>
                </p>
              ) : null}
              <p className="mt-2 break-words whitespace-pre-line" lang={report.locale}>
                {report.description}
              </p>
              {report.status === 'OPEN' ? (
                <StaffForm {...formProps} className="mt-2">
                  <input type="hidden" name="locale" value={locale} />
                  <input type="hidden" name="id" value={report.id} />
                  <button type="submit" className={secondaryButtonClass}>
                    {t('accessibilityReport.staffMarkAnswered')}
                  </button>
                </StaffForm>
              ) : null}
            </article>
          </li>
        ))}
      </ul>
    </div>
  );
}
