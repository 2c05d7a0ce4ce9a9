import Link from 'next/link';
import { groupChoices } from '@/lib/groups';
import { AreaMap } from '@/components/map/AreaMap';
import { municipalityPath } from '@/lib/catalog/paths';
import { inputClass, secondaryButtonClass, StaffNav } from '@/components/staff/StaffNav';
import { config } from '@/lib/config';
import { coverage, coverageParams, coverageQuerySchema, type CoverageQuery } from '@/lib/coverage';
import { db } from '@/lib/db/client';
import { projectedAreaMap } from '@/lib/geo/load';
import { AREA_MAP_WIDTH } from '@/lib/geo/render';
import { formatDate, formatNumber, themeLabel, type MessageKey } from '@/lib/i18n';
import type { LocaleParams } from '../../_shared/locale';
import { one, staffMetadata, staffPage, type SearchParams } from '../_shared/page';
import { titled } from '../../_shared/locale';

export const dynamic = 'force-dynamic';
export const generateMetadata = titled('staff.coverageTitle', staffMetadata);

const COLUMNS: Array<{ key: CoverageQuery['ordina']; label: MessageKey; numeric: boolean }> = [
  { key: 'name', label: 'staff.comune', numeric: false },
  { key: 'state', label: 'staff.status', numeric: false },
  { key: 'population', label: 'staff.population', numeric: true },
  { key: 'published', label: 'staff.published', numeric: true },
  { key: 'waiting', label: 'staff.waitingCol', numeric: true },
  { key: 'views', label: 'staff.views', numeric: true },
];

function href(query: CoverageQuery, change: Partial<CoverageQuery>): string {
  const next = { ...query, ...change };
  return `/staff/copertura?${coverageParams(next)}`;
}

export default async function CoveragePage({ params, searchParams }: { params: LocaleParams; searchParams: SearchParams }) {
  const { locale, t, user, isAdmin, formError } = await staffPage(params, 'moderate', '/staff/copertura', searchParams);
  const raw = await searchParams;
  const query = coverageQuerySchema.parse(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, one(v)])));
  const [{ rows, all, summary, perTheme }, groups] = await Promise.all([coverage(db(), user, config().areaCode, query), groupChoices(db())]);
  const stateLabel = (s: 'published' | 'waiting' | 'none') => t(`staff.coverageStates.${s}`);
  const areas = all.map((r) => ({
    istatCode: r.istatCode,
    name: r.name,
    href: `/staff/moderazione?stato=${r.state === 'waiting' ? 'SUBMITTED' : 'PUBLISHED'}&comune=${r.istatCode}`,
    label: `${r.name}: ${stateLabel(r.state)}`,
    className: `cov-${r.state}`,
  }));
  return (
    <div className="space-y-8">
      <StaffNav t={t} error={formError} current="coverage" isAdmin={isAdmin} title={t('staff.coverageTitle')} />
      <p>{t('staff.coverageIntro')}</p>
      <p role="status" className="font-semibold">
        {t('staff.coverageSummary', summary)}
      </p>
      <AreaMap
        id="coverage-map"
        map={projectedAreaMap(AREA_MAP_WIDTH)}
        areas={areas}
        title={t('staff.coverageMap')}
        description={t('staff.coverageMapHelp')}
        legendTitle={t('home.legend')}
        legend={(['published', 'waiting', 'none'] as const).map((s) => ({ className: `cov-${s}`, label: stateLabel(s) }))}
        t={t}
      />
      <section aria-labelledby="table-title" className="space-y-3">
        <h2 id="table-title" className="text-xl font-semibold">
          {t('staff.coverageTable')}
        </h2>
        <form method="get" action="/staff/copertura" className="flex flex-wrap items-end gap-3">
          <input type="hidden" name="ordina" value={query.ordina} />
          <input type="hidden" name="verso" value={query.verso} />
          <label>
            {t('staff.coverageFilter')}
            <select name="stato" defaultValue={query.stato} className={inputClass}>
              <option value="">{t('staff.coverageAll')}</option>
              {(['none', 'waiting', 'published'] as const).map((s) => (
                <option key={s} value={s}>
                  {stateLabel(s)}
                </option>
              ))}
            </select>
          </label>
          {groups.length ? (
            <label>
              {t('staff.coverageGroup')}
              <select name="gruppo" defaultValue={query.gruppo ?? ''} className={inputClass}>
                <option value="">{t('staff.allAreaComuni')}</option>
                {groups.map((g) => (
                  <option key={g.id} value={String(g.id)}>
                    {g.name}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          <button type="submit" className={secondaryButtonClass}>
            {t('staff.applyFilters')}
          </button>
          <a href={`/api/staff/copertura.csv?${coverageParams(query)}`} className={secondaryButtonClass} download>
            {t('staff.csv')}
          </a>
        </form>
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-left">
            <thead>
              <tr className="border-b border-stone-400">
                {COLUMNS.map((c) => {
                  const sorted = query.ordina === c.key;
                  return (
                    <th key={c.key} scope="col" className="p-2" aria-sort={sorted ? (query.verso === 'asc' ? 'ascending' : 'descending') : undefined}>
                      <Link href={href(query, { ordina: c.key, verso: sorted && query.verso === 'asc' ? 'desc' : 'asc' })}>
                        {t(c.label)}
                        <span className="sr-only">
                          {' '}
                          — {t('staff.sortBy', { column: t(c.label) })}
                          {sorted ? `, ${t(query.verso === 'asc' ? 'staff.sortedAsc' : 'staff.sortedDesc')}` : ''}
                        </span>
                        {sorted ? <span aria-hidden="true">{query.verso === 'asc' ? ' ▲' : ' ▼'}</span> : null}
                      </Link>
                    </th>
                  );
                })}
                <th scope="col" className="p-2">
                  {t('staff.lastPublished')}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.istatCode} className="border-b border-stone-200">
                  <th scope="row" className="p-2 font-normal">
                    <Link href={municipalityPath(r)}>{r.name}</Link>
                  </th>
                  <td className="p-2">{stateLabel(r.state)}</td>
                  <td className="p-2 text-right tabular-nums">{r.population !== null ? formatNumber(locale, r.population) : '—'}</td>
                  <td className="p-2 text-right tabular-nums">{r.published}</td>
                  <td className="p-2 text-right tabular-nums">{r.waiting}</td>
                  <td className="p-2 text-right tabular-nums">{formatNumber(locale, r.views)}</td>
                  <td className="p-2">{r.lastPublishedAt ? formatDate(locale, r.lastPublishedAt) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="themes-title">
        <h2 id="themes-title" className="text-xl font-semibold">
          {t('staff.perTheme')}
        </h2>
        <table className="mt-2 border-collapse text-left">
          <thead>
            <tr className="border-b border-stone-400">
              <th scope="col" className="p-2">
                {t('staff.theme')}
              </th>
              <th scope="col" className="p-2">
                {t('staff.published')}
              </th>
              <th scope="col" className="p-2">
                {t('staff.waitingCol')}
              </th>
            </tr>
          </thead>
          <tbody>
            {perTheme.map((th) => (
              <tr key={th.slug} className="border-b border-stone-200">
                <th scope="row" className="p-2 font-normal">
                  {themeLabel(locale, th)}
                </th>
                <td className="p-2 text-right tabular-nums">{th.published}</td>
                <td className="p-2 text-right tabular-nums">{th.waiting}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
