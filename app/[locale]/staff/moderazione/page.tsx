import Link from 'next/link';
import { areaComuni } from '@/lib/catalog';
import { Pagination } from '@/components/common/Pagination';
import { ReasonField } from '@/components/staff/ReasonField';
import { StaffForm } from '@/components/staff/StaffForm';
import { buttonClass, inputClass, Outcome, secondaryButtonClass, StaffNav } from '@/components/staff/StaffNav';
import { activeTemplates } from '@/lib/admin/templates';
import { config } from '@/lib/config';
import { db } from '@/lib/db/client';
import { formatDate, formatDuration, themeLabel } from '@/lib/i18n';
import { moderationQueue, queueFilterSchema, STAFF_VISIBLE_STATUSES, type QueueFilter } from '@/lib/moderation';
import type { LocaleParams } from '../../_shared/locale';
import { one, staffMetadata, staffPage, type SearchParams } from '../_shared/page';
import { titled } from '../../_shared/locale';

export const dynamic = 'force-dynamic';
export const generateMetadata = titled('staff.queue', staffMetadata);

function queueHref(filter: QueueFilter, page: number): string {
  const query = new URLSearchParams({
    stato: filter.stato,
    ...(filter.comune ? { comune: filter.comune } : {}),
    ...(filter.tema ? { tema: filter.tema } : {}),
    ...(filter.eta ? { eta: filter.eta } : {}),
    pagina: String(page),
  });
  return `/staff/moderazione?${query}`;
}

export default async function ModerationQueuePage({ params, searchParams }: { params: LocaleParams; searchParams: SearchParams }) {
  const { locale, t, user, isAdmin, formError } = await staffPage(params, 'moderate', '/staff/moderazione', searchParams);
  const query = await searchParams;
  const filter = queueFilterSchema.parse(Object.fromEntries(Object.entries(query).map(([k, v]) => [k, one(v)])));
  const [queue, comuni, themes, templates] = await Promise.all([
    moderationQueue(db(), user, filter),
    areaComuni(db(), config().areaCode),
    db().theme.findMany({ orderBy: { position: 'asc' }, select: { slug: true, labelIt: true, labelEn: true } }),
    activeTemplates(db(), user),
  ]);
  const outcome = one(query.esito) === 'blocco' ? t('staff.bulkDone', { done: Number(one(query.fatti) ?? 0), skipped: Number(one(query.saltati) ?? 0) }) : null;
  const bulk = filter.stato === 'SUBMITTED' && queue.items.length > 0;
  return (
    <div>
      <StaffNav t={t} error={formError} current="queue" isAdmin={isAdmin} title={t('staff.queue')} />
      <Outcome text={outcome} />
      <form
        method="get"
        action="/staff/moderazione"
        className="mb-6 grid gap-3 rounded border border-stone-300 bg-white p-3 sm:grid-cols-5"
        aria-label={t('staff.filters')}
      >
        <label>
          {t('staff.status')}
          <select name="stato" defaultValue={filter.stato} className={inputClass}>
            {STAFF_VISIBLE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('staff.comune')}
          <select name="comune" defaultValue={filter.comune ?? ''} className={inputClass}>
            <option value="">{t('staff.allComuni')}</option>
            {comuni.map((c) => (
              <option key={c.istatCode} value={c.istatCode}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('staff.theme')}
          <select name="tema" defaultValue={filter.tema ?? ''} className={inputClass}>
            <option value="">{t('staff.allThemes')}</option>
            {themes.map((th) => (
              <option key={th.slug} value={th.slug}>
                {themeLabel(locale, th)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('staff.age')}
          <select name="eta" defaultValue={filter.eta} className={inputClass}>
            <option value="">{t('staff.ages.any')}</option>
            <option value="1">{t('staff.ages.1')}</option>
            <option value="3">{t('staff.ages.3')}</option>
            <option value="7">{t('staff.ages.7')}</option>
          </select>
        </label>
        <div className="flex items-end">
          <button type="submit" className={secondaryButtonClass}>
            {t('staff.applyFilters')}
          </button>
        </div>
      </form>
      <p role="status">{t('staff.queueCount', { count: queue.total })}</p>
      {queue.items.length === 0 ? (
        <p className="mt-2">{t('staff.queueEmpty')}</p>
      ) : (
        <StaffForm action="/api/staff/moderazione/blocco" errorsTitle={t('staff.formErrors')} sendingLabel={t('staff.sending')} className="mt-3 space-y-4">
          <input type="hidden" name="locale" value={locale} />
          <div className="overflow-x-auto">
            <table className="w-full border-collapse text-left">
              <caption className="sr-only">{t('staff.queue')}</caption>
              <thead>
                <tr className="border-b border-stone-400">
                  {bulk ? <td className="p-2" /> : null}
                  <th scope="col" className="p-2">
                    {t('staff.title')}
                  </th>
                  <th scope="col" className="p-2">
                    {t('staff.comune')}
                  </th>
                  <th scope="col" className="p-2">
                    {t('staff.theme')}
                  </th>
                  <th scope="col" className="p-2">
                    {t('staff.submittedAt')}
                  </th>
                  <th scope="col" className="p-2">
                    {t('staff.duration')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {queue.items.map((item) => (
                  <tr key={item.id} className="border-b border-stone-200">
                    {bulk ? (
                      <td className="p-2">
                        <input
                          type="checkbox"
                          name="items"
                          value={`${item.id}@${item.revision}`}
                          aria-label={t('staff.select', { title: item.title })}
                          className="h-5 w-5"
                        />
                      </td>
                    ) : null}
                    <td className="p-2">
                      <Link href={`/staff/moderazione/${item.id}`}>{item.title}</Link>
                    </td>
                    <td className="p-2">{item.municipality.name}</td>
                    <td className="p-2">{item.themes.map((th) => themeLabel(locale, th.theme)).join(', ')}</td>
                    <td className="p-2">{item.submittedAt ? formatDate(locale, item.submittedAt) : '—'}</td>
                    <td className="p-2">{item.media?.durationMs ? formatDuration(Math.round(item.media.durationMs / 1000)) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {bulk ? (
            <fieldset className="rounded border border-stone-300 bg-white p-3">
              <legend className="px-1 font-semibold">{t('staff.bulkTitle')}</legend>
              <p>{t('staff.bulkHelp')}</p>
              <ReasonField
                idPrefix="bulk"
                templates={templates.filter((tpl) => tpl.kind === 'reject')}
                labels={{ reason: t('staff.reason'), template: t('staff.reasonTemplate'), none: t('staff.noTemplate'), use: t('staff.useTemplate') }}
                kindLabels={{ requestChanges: t('staff.templateKinds.requestChanges'), reject: t('staff.templateKinds.reject') }}
              />
              <div className="mt-3 flex flex-wrap gap-3">
                <button type="submit" name="decision" value="approve" className={buttonClass}>
                  {t('staff.bulkApprove')}
                </button>
                <button type="submit" name="decision" value="reject" className="rounded bg-red-800 px-4 py-2 font-semibold text-white">
                  {t('staff.bulkReject')}
                </button>
              </div>
            </fieldset>
          ) : null}
        </StaffForm>
      )}
      <Pagination t={t} page={filter.pagina} pages={queue.pages} hrefFor={(p) => queueHref(filter, p)} />
    </div>
  );
}
