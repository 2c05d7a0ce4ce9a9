import Link from 'next/link';
import { groupChoices } from '@/lib/groups';
import { areaComuni } from '@/lib/catalog';
import { ComuniChecklist } from '@/components/staff/ComuniChecklist';
import { StaffForm } from '@/components/staff/StaffForm';
import { buttonClass, inputClass, StaffNav } from '@/components/staff/StaffNav';
import { listCalls } from '@/lib/calls';
import { config } from '@/lib/config';
import { db } from '@/lib/db/client';
import { formatDate, themeLabel } from '@/lib/i18n';
import type { LocaleParams } from '../../_shared/locale';
import { titled } from '../../_shared/locale';
import { staffMetadata, staffPage, type SearchParams } from '../_shared/page';

export const dynamic = 'force-dynamic';
export const generateMetadata = titled('staff.calls', staffMetadata);

export default async function CallsPage({ params, searchParams }: { params: LocaleParams; searchParams: SearchParams }) {
  const { locale, t, user, isAdmin, formError } = await staffPage(params, 'moderate', '/staff/appelli', searchParams);
  const [calls, groups, themes, comuni] = await Promise.all([
    listCalls(db(), user),
    groupChoices(db()),
    db().theme.findMany({ where: { active: true }, orderBy: { position: 'asc' }, select: { id: true, labelIt: true, labelEn: true } }),
    areaComuni(db(), config().areaCode),
  ]);
  const formProps = { action: '/api/staff/appelli', errorsTitle: t('staff.formErrors'), sendingLabel: t('staff.sending') };
  return (
    <div className="space-y-6">
      <StaffNav t={t} error={formError} current="calls" isAdmin={isAdmin} title={t('staff.calls')} />
      <p>{t('staff.callsIntro')}</p>
      <section aria-labelledby="new-call">
        <h2 id="new-call" className="text-xl font-semibold">
          {t('staff.newCall')}
        </h2>
        <StaffForm {...formProps} className="space-y-4 rounded border border-stone-300 bg-white p-3">
          <input type="hidden" name="locale" value={locale} />
          <div className="grid gap-3 sm:grid-cols-2">
            <label>
              {t('staff.callTitle')}
              <input name="title" required minLength={3} maxLength={120} className={inputClass} />
            </label>
            <label>
              {t('staff.callDeadline')}
              <input type="date" name="deadline" required className={inputClass} />
            </label>
          </div>
          <label className="block">
            {t('staff.callBrief')}
            <textarea name="brief" required maxLength={5000} rows={5} className={inputClass} />
          </label>
          <fieldset>
            <legend className="font-semibold">{t('staff.callThemes')}</legend>
            <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
              {themes.map((theme) => (
                <li key={theme.id}>
                  <label className="flex items-center gap-2">
                    <input type="checkbox" name="themes" value={theme.id} /> {themeLabel(locale, theme)}
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
          <fieldset>
            <legend className="font-semibold">{t('staff.callTarget')}</legend>
            <label className="mt-1 flex items-center gap-2">
              <input type="radio" name="target" value="all" defaultChecked /> {t('staff.callTargetAll')}
            </label>
            {groups.length ? (
              <div className="mt-2">
                <label className="flex items-center gap-2">
                  <input type="radio" name="target" value="groups" /> {t('staff.callTargetGroups')}
                </label>
                <fieldset className="ml-6">
                  <legend className="sr-only">{t('staff.callGroups')}</legend>
                  <ul className="flex flex-wrap gap-x-4 gap-y-1">
                    {groups.map((g) => (
                      <li key={g.id}>
                        <label className="flex items-center gap-2">
                          <input type="checkbox" name="groups" value={g.id} /> {g.name}
                        </label>
                      </li>
                    ))}
                  </ul>
                </fieldset>
              </div>
            ) : null}
            <div className="mt-2">
              <label className="flex items-center gap-2">
                <input type="radio" name="target" value="list" /> {t('staff.callTargetList')}
              </label>
              <ComuniChecklist legend={t('staff.callComuni')} comuni={comuni} />
            </div>
          </fieldset>
          <button type="submit" className={buttonClass}>
            {t('staff.createCall')}
          </button>
        </StaffForm>
      </section>
      <section aria-labelledby="current-calls">
        <h2 id="current-calls" className="text-xl font-semibold">
          {t('staff.currentCalls')}
        </h2>
        {calls.length === 0 ? (
          <p>{t('staff.noCalls')}</p>
        ) : (
          <ul className="mt-2 space-y-2">
            {calls.map((call) => (
              <li key={call.id} className="rounded border border-stone-300 bg-white p-3">
                <Link href={`/staff/appelli/${call.id}`} className="font-semibold">
                  {call.title}
                </Link>
                <p className="text-sm">
                  {t('staff.callSummary', {
                    answered: call.answered,
                    asked: call.asked,
                    date: formatDate(locale, call.deadline),
                    state: call.open ? t('staff.callOpen') : t('staff.callClosed'),
                  })}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
