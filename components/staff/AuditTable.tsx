import Link from 'next/link';
import type { AuditRow } from '@/lib/audit';
import { formatDateTime, type Locale, type Translate } from '@/lib/i18n';

function shown(value: unknown): string {
  if (value === null || value === undefined) return '—';
  return JSON.stringify(value, null, 1)
    .replace(/[{}"\n]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Audit entries as a table: when, who, what, on what, before, after, reason. */
export function AuditTable({ rows, t, locale }: { rows: AuditRow[]; t: Translate; locale: Locale }) {
  if (!rows.length) return <p>{t('staff.auditEmpty')}</p>;
  return (
    <div className="overflow-x-auto">
      <table className="mt-2 w-full border-collapse text-left text-sm">
        <thead>
          <tr className="border-b border-stone-400">
            <th scope="col" className="p-1">
              {t('staff.auditWhen')}
            </th>
            <th scope="col" className="p-1">
              {t('staff.auditWho')}
            </th>
            <th scope="col" className="p-1">
              {t('staff.auditWhat')}
            </th>
            <th scope="col" className="p-1">
              {t('staff.auditBefore')}
            </th>
            <th scope="col" className="p-1">
              {t('staff.auditAfter')}
            </th>
            <th scope="col" className="p-1">
              {t('staff.auditReason')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={String(row.id)} className="border-b border-stone-200 align-top">
              <td className="p-1">
                <time dateTime={row.at.toISOString()}>{formatDateTime(locale, row.at, true)}</time>
              </td>
              <td className="p-1">{row.actor ? <Link href={`/staff/registro?utente=${row.actor.id}`}>{row.actor.name}</Link> : t('staff.auditSystem')}</td>
              <td className="p-1">
                <code>{row.action}</code>
                {row.subjectType === 'message' ? (
                  <>
                    {' '}
                    · <Link href={`/staff/moderazione/${row.subjectId}`}>{row.subjectId.slice(0, 8)}</Link>
                  </>
                ) : (
                  <>
                    {' '}
                    · {row.subjectType} {row.subjectId}
                  </>
                )}
              </td>
              <td className="p-1">{shown(row.before)}</td>
              <td className="p-1">{shown(row.after)}</td>
              <td className="p-1">{row.reason ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
