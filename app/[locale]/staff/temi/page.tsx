import { StaffForm } from '@/components/staff/StaffForm';
import { buttonClass, inputClass, Outcome, StaffNav } from '@/components/staff/StaffNav';
import { themesForAdmin } from '@/lib/admin/themes';
import { db } from '@/lib/db/client';
import { themeLabel } from '@/lib/i18n';
import type { LocaleParams } from '../../_shared/locale';
import { one, staffMetadata, staffPage, type SearchParams } from '../_shared/page';
import { titled } from '../../_shared/locale';

export const dynamic = 'force-dynamic';
export const generateMetadata = titled('staff.themes', staffMetadata);

export default async function ThemesPage({ params, searchParams }: { params: LocaleParams; searchParams: SearchParams }) {
  const { locale, t, user, isAdmin, formError } = await staffPage(params, 'administer', '/staff/temi', searchParams);
  const themes = await themesForAdmin(db(), user);
  const saved = one((await searchParams).esito) === 'salvato';
  const formProps = { action: '/api/staff/temi', errorsTitle: t('staff.formErrors'), sendingLabel: t('staff.sending') };
  return (
    <div className="space-y-6">
      <StaffNav t={t} error={formError} current="themes" isAdmin={isAdmin} title={t('staff.themes')} />
      <Outcome text={saved ? t('staff.saved') : null} />
      <p>{t('staff.themesIntro')}</p>
      <section aria-labelledby="new-theme">
        <h2 id="new-theme" className="text-xl font-semibold">
          {t('staff.newTheme')}
        </h2>
        <StaffForm {...formProps} className="grid gap-3 rounded border border-stone-300 bg-white p-3 sm:grid-cols-3">
          <input type="hidden" name="locale" value={locale} />
          <input type="hidden" name="intent" value="create" />
          <label>
            {t('staff.labelIt')}
            <input name="labelIt" required maxLength={60} className={inputClass} />
          </label>
          <label>
            {t('staff.labelEn')}
            <input name="labelEn" required maxLength={60} className={inputClass} />
          </label>
          <div className="flex items-end">
            <button type="submit" className={buttonClass}>
              {t('staff.add')}
            </button>
          </div>
        </StaffForm>
      </section>
      {themes.map((theme) => (
        <section key={theme.id} aria-labelledby={`theme-${theme.id}`}>
          <h2 id={`theme-${theme.id}`} className="text-lg font-semibold">
            {themeLabel(locale, theme)}{' '}
            <span className="font-normal">
              · /temi/{theme.slug} · {t('staff.messagesCount')}: {theme._count.videos}
            </span>
          </h2>
          <StaffForm {...formProps} className="grid gap-3 rounded border border-stone-300 bg-white p-3 sm:grid-cols-5">
            <input type="hidden" name="locale" value={locale} />
            <input type="hidden" name="id" value={theme.id} />
            <label>
              {t('staff.labelIt')}
              <input name="labelIt" defaultValue={theme.labelIt} required maxLength={60} className={inputClass} />
            </label>
            <label>
              {t('staff.labelEn')}
              <input name="labelEn" defaultValue={theme.labelEn} required maxLength={60} className={inputClass} />
            </label>
            <label>
              {t('staff.position')}
              <input name="position" type="number" min={0} max={999} defaultValue={theme.position} className={inputClass} />
            </label>
            <label className="flex items-end gap-2 pb-1">
              <input type="checkbox" name="active" defaultChecked={theme.active} /> {t('staff.active')}
            </label>
            <div className="flex items-end">
              <button type="submit" className={buttonClass}>
                {t('staff.save')}
              </button>
            </div>
          </StaffForm>
        </section>
      ))}
    </div>
  );
}
