import { RowAction, StaffForm } from '@/components/staff/StaffForm';
import { groupChoices } from '@/lib/groups';
import { areaComuni } from '@/lib/catalog';
import { buttonClass, inputClass, Outcome, secondaryButtonClass, StaffNav } from '@/components/staff/StaffNav';
import { electionPeriods } from '@/lib/admin/elections';
import { config } from '@/lib/config';
import { db } from '@/lib/db/client';
import { formatDate } from '@/lib/i18n';
import type { LocaleParams } from '../../_shared/locale';
import { one, staffMetadata, staffPage, type SearchParams } from '../_shared/page';
import { titled } from '../../_shared/locale';

export const dynamic = 'force-dynamic';
export const generateMetadata = titled('staff.elections', staffMetadata);

export default async function ElectionsPage({ params, searchParams }: { params: LocaleParams; searchParams: SearchParams }) {
  const { locale, t, user, isAdmin, formError } = await staffPage(params, 'administer', '/staff/elezioni', searchParams);
  const [periods, groups, comuni] = await Promise.all([electionPeriods(db(), user), groupChoices(db()), areaComuni(db(), config().areaCode)]);
  const esito = one((await searchParams).esito);
  const formProps = { action: '/api/staff/elezioni', errorsTitle: t('staff.formErrors'), sendingLabel: t('staff.sending') };
  return (
    <div className="space-y-6">
      <StaffNav t={t} error={formError} current="elections" isAdmin={isAdmin} title={t('staff.elections')} />
      <Outcome text={esito ? t('staff.saved') : null} />
      <p>{t('staff.electionsIntro')}</p>
      <section aria-labelledby="new-election">
        <h2 id="new-election" className="text-xl font-semibold">
          {t('staff.newElection')}
        </h2>
        <StaffForm {...formProps} className="grid gap-3 rounded border border-stone-300 bg-white p-3 sm:grid-cols-2">
          <input type="hidden" name="locale" value={locale} />
          <label>
            {t('staff.comune')}
            <select name="comune" required defaultValue="" className={inputClass}>
              <option value="" disabled>
                —
              </option>
              <option value="*">{t('staff.allAreaComuni')}</option>
              {groups.map((g) => (
                <option key={`g${g.id}`} value={`gruppo:${g.id}`}>
                  {t('staff.groupOption', { name: g.name })}
                </option>
              ))}
              {comuni.map((c) => (
                <option key={c.istatCode} value={c.istatCode}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('staff.note')}
            <input name="note" maxLength={500} className={inputClass} />
          </label>
          <label>
            {t('staff.startsOn')}
            <input type="date" name="startsOn" required className={inputClass} />
          </label>
          <label>
            {t('staff.endsOn')}
            <input type="date" name="endsOn" required className={inputClass} />
          </label>
          <label className="flex items-center gap-2 sm:col-span-2">
            <input type="checkbox" name="hidePublished" /> {t('staff.hidePublished')}
          </label>
          <div>
            <button type="submit" className={buttonClass}>
              {t('staff.add')}
            </button>
          </div>
        </StaffForm>
      </section>
      <section aria-labelledby="current-elections">
        <h2 id="current-elections" className="text-xl font-semibold">
          {t('staff.currentElections')}
        </h2>
        {periods.length === 0 ? (
          <p>{t('staff.noElections')}</p>
        ) : (
          <div className="mt-2 overflow-x-auto">
            <table className="w-full border-collapse text-left">
              <thead>
                <tr className="border-b border-stone-400">
                  <th scope="col" className="p-2">
                    {t('staff.comune')}
                  </th>
                  <th scope="col" className="p-2">
                    {t('staff.period')}
                  </th>
                  <th scope="col" className="p-2">
                    {t('staff.hidden')}
                  </th>
                  <th scope="col" className="p-2">
                    {t('staff.note')}
                  </th>
                  <td />
                </tr>
              </thead>
              <tbody>
                {periods.map((p) => (
                  <tr key={p.id} className="border-b border-stone-200">
                    <th scope="row" className="p-2 font-normal">
                      {p.municipality.name}
                    </th>
                    <td className="p-2">
                      {formatDate(locale, p.startsOn)} – {formatDate(locale, p.endsOn)}
                    </td>
                    <td className="p-2">{p.hidePublished ? t('staff.yes') : t('staff.no')}</td>
                    <td className="p-2">{p.note || '—'}</td>
                    <td className="p-2">
                      <RowAction
                        {...formProps}
                        fields={{ locale, intent: 'remove', id: p.id }}
                        label={t('staff.remove')}
                        itemLabel={`${p.municipality.name}, ${formatDate(locale, p.startsOn)}`}
                        className={secondaryButtonClass}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
