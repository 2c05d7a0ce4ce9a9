import { AreaMap } from '@/components/map/AreaMap';
import { areaComuni } from '@/lib/catalog';
import { ComuniChecklist } from '@/components/staff/ComuniChecklist';
import { MapPicker } from '@/components/staff/MapPicker';
import { projectedAreaMap } from '@/lib/geo/load';
import { AREA_MAP_WIDTH } from '@/lib/geo/render';
import { RowAction, StaffForm } from '@/components/staff/StaffForm';
import { buttonClass, inputClass, Outcome, secondaryButtonClass, StaffNav } from '@/components/staff/StaffNav';
import { config } from '@/lib/config';
import { db } from '@/lib/db/client';
import { listGroups } from '@/lib/groups';
import type { LocaleParams } from '../../_shared/locale';
import { titled } from '../../_shared/locale';
import { one, staffMetadata, staffPage, type SearchParams } from '../_shared/page';

export const dynamic = 'force-dynamic';
export const generateMetadata = titled('staff.groups', staffMetadata);

export default async function GroupsPage({ params, searchParams }: { params: LocaleParams; searchParams: SearchParams }) {
  const { locale, t, user, isAdmin, formError } = await staffPage(params, 'moderate', '/staff/gruppi', searchParams);
  const [groups, comuni] = await Promise.all([listGroups(db(), user), areaComuni(db(), config().areaCode)]);
  const query = await searchParams;
  const esito = one(query.esito);
  const count = Number(one(query.comuni) ?? 0);
  const formProps = { action: '/api/staff/gruppi', errorsTitle: t('staff.formErrors'), sendingLabel: t('staff.sending') };
  return (
    <div className="space-y-6">
      <StaffNav t={t} error={formError} current="groups" isAdmin={isAdmin} title={t('staff.groups')} />
      <Outcome
        text={esito === 'creato' ? t('staff.groupCreated', { count: Number.isSafeInteger(count) ? count : 0 }) : esito ? t('staff.groupRemoved') : null}
      />
      <p>{t('staff.groupsIntro')}</p>
      <section aria-labelledby="new-group">
        <h2 id="new-group" className="text-xl font-semibold">
          {t('staff.newGroup')}
        </h2>
        <StaffForm {...formProps} encType="multipart/form-data" className="space-y-4 rounded border border-stone-300 bg-white p-3">
          <input type="hidden" name="locale" value={locale} />
          <div className="grid gap-3 sm:grid-cols-2">
            <label>
              {t('staff.groupName')}
              <input name="name" required minLength={2} maxLength={120} className={inputClass} />
            </label>
            <label>
              {t('staff.groupDescription')}
              <input name="description" maxLength={500} className={inputClass} />
            </label>
          </div>
          <fieldset>
            <legend className="font-semibold">{t('staff.groupBy')}</legend>
            <div className="mt-2 space-y-4">
              <div>
                <label className="flex items-center gap-2 font-semibold">
                  <input type="radio" name="by" value="csv" defaultChecked /> {t('staff.groupByCsv')}
                </label>
                <label className="mt-1 block pl-6">
                  {t('staff.csvFile')}
                  <input type="file" name="csvFile" accept=".csv,.txt,text/csv,text/plain" aria-describedby="csv-hint" className={inputClass} />
                </label>
                <p id="csv-hint" className="pl-6 text-sm">
                  {t('staff.csvHint')}{' '}
                  <a href="/api/staff/gruppi/esempio.csv" download>
                    {t('staff.csvExample')}
                  </a>
                </p>
              </div>
              <div>
                <label className="flex items-center gap-2 font-semibold">
                  <input type="radio" name="by" value="population" /> {t('staff.groupByPopulation')}
                </label>
                <div className="grid gap-3 pl-6 sm:grid-cols-2">
                  <label>
                    {t('staff.minPopulation')}
                    <input type="number" name="minPopulation" min={0} max={10000000} inputMode="numeric" className={inputClass} />
                  </label>
                  <label>
                    {t('staff.maxPopulation')}
                    <input type="number" name="maxPopulation" min={0} max={10000000} inputMode="numeric" className={inputClass} />
                  </label>
                </div>
              </div>
              <div>
                <label className="flex items-center gap-2 font-semibold">
                  <input type="radio" name="by" value="list" /> {t('staff.groupByList')}
                </label>
                <div className="ml-6 mt-2">
                  <AreaMap
                    id="group-map"
                    map={projectedAreaMap(AREA_MAP_WIDTH)}
                    areas={comuni.map((c) => ({ istatCode: c.istatCode, name: c.name, href: `#pick-${c.istatCode}`, label: c.name, className: 'cov-none' }))}
                    title={t('staff.groupMap')}
                    description={t('staff.groupMapHelp')}
                    legendTitle={t('home.legend')}
                    legend={[{ className: 'cov-published', label: t('staff.groupMapPicked') }]}
                    t={t}
                  />
                  <MapPicker svgId="group-map" pickedLabel={t('staff.groupMapPicked')} />
                </div>
                <ComuniChecklist legend={t('staff.groupComuni')} comuni={comuni} />
              </div>
            </div>
          </fieldset>
          <button type="submit" className={buttonClass}>
            {t('staff.createGroup')}
          </button>
        </StaffForm>
      </section>
      <section aria-labelledby="current-groups">
        <h2 id="current-groups" className="text-xl font-semibold">
          {t('staff.currentGroups')}
        </h2>
        {groups.length === 0 ? (
          <p>{t('staff.noGroups')}</p>
        ) : (
          <ul className="mt-2 space-y-3">
            {groups.map((g) => (
              <li key={g.id} className="rounded border border-stone-300 bg-white p-3">
                <h3 className="font-semibold">
                  {g.name} · {t('staff.groupMembers', { count: g.members.length })}
                </h3>
                {g.description ? <p>{g.description}</p> : null}
                <p className="mt-1 text-sm">{g.members.join(', ')}</p>
                <RowAction
                  {...formProps}
                  fields={{ locale, intent: 'remove', id: g.id }}
                  label={t('staff.remove')}
                  itemLabel={g.name}
                  className={`${secondaryButtonClass} mt-2`}
                />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
