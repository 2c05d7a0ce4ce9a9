import { Pagination } from '@/components/common/Pagination';
import { areaComuni } from '@/lib/catalog';
import { AuditTable } from '@/components/staff/AuditTable';
import { inputClass, secondaryButtonClass, StaffNav } from '@/components/staff/StaffNav';
import { auditLog } from '@/lib/audit';
import { config } from '@/lib/config';
import { db } from '@/lib/db/client';
import { auditFilterFrom, auditFilterSchema, type AuditQuery } from '@/lib/staff/audit-filter';
import type { LocaleParams } from '../../_shared/locale';
import { one, staffMetadata, staffPage, type SearchParams } from '../_shared/page';
import { titled } from '../../_shared/locale';

export const dynamic = 'force-dynamic';
export const generateMetadata = titled('staff.auditTitle', staffMetadata);

const PAGE_SIZE = 50;

/** The filters as a query string, with a page number for the page links and without one for the CSV. */
function queryString(query: AuditQuery, page: number | null): string {
  const entries = Object.entries(query).filter(([k, v]) => k !== 'pagina' && v !== undefined && v !== '');
  if (page !== null) entries.push(['pagina', page]);
  return new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString();
}

export default async function AuditPage({ params, searchParams }: { params: LocaleParams; searchParams: SearchParams }) {
  const { locale, t, user, isAdmin, formError } = await staffPage(params, 'moderate', '/staff/registro', searchParams);
  const raw = await searchParams;
  const query = auditFilterSchema.parse(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, one(v)])));
  const [log, people, comuni] = await Promise.all([
    auditLog(db(), user, auditFilterFrom(query), query.pagina, PAGE_SIZE),
    db().user.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true, email: true } }),
    areaComuni(db(), config().areaCode),
  ]);
  return (
    <div className="space-y-6">
      <StaffNav t={t} error={formError} current="audit" isAdmin={isAdmin} title={t('staff.auditTitle')} />
      <p>{t('staff.auditIntro')}</p>
      <form
        method="get"
        action="/staff/registro"
        className="grid gap-3 rounded border border-stone-300 bg-white p-3 sm:grid-cols-3"
        aria-label={t('staff.filters')}
      >
        <label>
          {t('staff.auditUser')}
          <select name="utente" defaultValue={query.utente ?? ''} className={inputClass}>
            <option value="">{t('staff.auditAnyone')}</option>
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name} ({p.email})
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('staff.comune')}
          <select name="comune" defaultValue={query.comune ?? ''} className={inputClass}>
            <option value="">{t('staff.allComuni')}</option>
            {comuni.map((c) => (
              <option key={c.istatCode} value={c.istatCode}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('staff.auditAction')}
          <input name="azione" defaultValue={query.azione ?? ''} placeholder="message.approve" className={inputClass} />
        </label>
        <label>
          {t('staff.auditSubject')}
          <input name="oggetto" defaultValue={query.oggetto ?? ''} className={inputClass} />
        </label>
        <label>
          {t('staff.auditFrom')}
          <input type="date" name="dal" defaultValue={query.dal ?? ''} className={inputClass} />
        </label>
        <label>
          {t('staff.auditTo')}
          <input type="date" name="al" defaultValue={query.al ?? ''} className={inputClass} />
        </label>
        <div className="flex flex-wrap items-end gap-3">
          <button type="submit" className={secondaryButtonClass}>
            {t('staff.applyFilters')}
          </button>
          <a href={`/api/staff/registro.csv?${queryString(query, null)}`} className={secondaryButtonClass} download>
            {t('staff.csv')}
          </a>
        </div>
      </form>
      <p role="status">{t('staff.auditCount', { count: log.total })}</p>
      <AuditTable rows={log.rows} t={t} locale={locale} />
      <Pagination t={t} page={query.pagina} pages={Math.max(1, Math.ceil(log.total / PAGE_SIZE))} hrefFor={(p) => `/staff/registro?${queryString(query, p)}`} />
    </div>
  );
}
