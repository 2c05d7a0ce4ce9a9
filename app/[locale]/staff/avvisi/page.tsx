import { RowAction, StaffForm } from '@/components/staff/StaffForm';
import { areaComuni } from '@/lib/catalog';
import { buttonClass, inputClass, Outcome, secondaryButtonClass, StaffNav } from '@/components/staff/StaffNav';
import { activeBanner, currentServiceNotes } from '@/lib/admin/announcements';
import { config } from '@/lib/config';
import { db } from '@/lib/db/client';
import { formatDate } from '@/lib/i18n';
import { toRomeLocal } from '@/lib/time/zones';
import type { LocaleParams } from '../../_shared/locale';
import { one, staffMetadata, staffPage, type SearchParams } from '../_shared/page';
import { titled } from '../../_shared/locale';

export const dynamic = 'force-dynamic';
export const generateMetadata = titled('staff.announcements', staffMetadata);

/** A banner's suggested expiry: this time tomorrow, in Rome. */
function defaultExpiry(): string {
  return toRomeLocal(new Date(Date.now() + 86_400_000));
}

export default async function AnnouncementsPage({ params, searchParams }: { params: LocaleParams; searchParams: SearchParams }) {
  const { locale, t, user, isAdmin, formError } = await staffPage(params, 'administer', '/staff/avvisi', searchParams);
  const [banner, notes, comuni] = await Promise.all([activeBanner(db()), currentServiceNotes(db(), user), areaComuni(db(), config().areaCode)]);
  const saved = one((await searchParams).esito) === 'salvato';
  const formProps = { action: '/api/staff/avvisi', errorsTitle: t('staff.formErrors'), sendingLabel: t('staff.sending') };
  const tomorrow = defaultExpiry();
  return (
    <div className="space-y-8">
      <StaffNav t={t} error={formError} current="announcements" isAdmin={isAdmin} title={t('staff.announcements')} />
      <Outcome text={saved ? t('staff.saved') : null} />
      <section aria-labelledby="banner-title" className="space-y-3">
        <h2 id="banner-title" className="text-xl font-semibold">
          {t('staff.bannerTitle')}
        </h2>
        <p>{t('staff.bannerIntro')}</p>
        {banner ? (
          <div className="rounded border-2 border-amber-700 bg-amber-50 p-3">
            <p className="font-semibold">
              {t('staff.bannerNow', { date: `${formatDate(locale, banner.expiresAt)} ${toRomeLocal(banner.expiresAt).slice(11)}` })}
            </p>
            <p lang="it">{banner.textIt}</p>
            <p lang="en">{banner.textEn}</p>
            <StaffForm {...formProps} className="mt-2">
              <input type="hidden" name="locale" value={locale} />
              <input type="hidden" name="intent" value="endBanner" />
              <input type="hidden" name="id" value={banner.id} />
              <button type="submit" className={secondaryButtonClass}>
                {t('staff.endBanner')}
              </button>
            </StaffForm>
          </div>
        ) : (
          <p>{t('staff.noBanner')}</p>
        )}
        <StaffForm {...formProps} className="grid gap-3 rounded border border-stone-300 bg-white p-3 sm:grid-cols-2">
          <input type="hidden" name="locale" value={locale} />
          <input type="hidden" name="intent" value="banner" />
          <label>
            {t('staff.bannerTextIt')}
            <textarea name="textIt" required maxLength={300} rows={2} className={inputClass} />
          </label>
          <label>
            {t('staff.bannerTextEn')}
            <textarea name="textEn" required maxLength={300} rows={2} className={inputClass} />
          </label>
          <label>
            {t('staff.bannerUrl')}
            <input name="url" type="url" maxLength={500} className={inputClass} />
          </label>
          <label>
            {t('staff.bannerExpires')}
            <input name="expiresAt" type="datetime-local" required defaultValue={tomorrow} className={inputClass} />
          </label>
          <div>
            <button type="submit" className={buttonClass}>
              {t('staff.postBanner')}
            </button>
          </div>
        </StaffForm>
      </section>
      <section aria-labelledby="notes-title" className="space-y-3">
        <h2 id="notes-title" className="text-xl font-semibold">
          {t('staff.notesTitle')}
        </h2>
        <p>{t('staff.notesIntro')}</p>
        <StaffForm {...formProps} className="grid gap-3 rounded border border-stone-300 bg-white p-3 sm:grid-cols-2">
          <input type="hidden" name="locale" value={locale} />
          <input type="hidden" name="intent" value="note" />
          <label>
            {t('staff.comune')}
            <select name="comune" required defaultValue="" className={inputClass}>
              <option value="" disabled>
                —
              </option>
              {comuni.map((c) => (
                <option key={c.istatCode} value={c.istatCode}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('staff.validUntil')}
            <input name="validUntil" type="date" required className={inputClass} />
          </label>
          <label>
            {t('staff.noteText')}
            <input name="text" required maxLength={300} className={inputClass} />
          </label>
          <label>
            {t('staff.noteUrl')}
            <input name="url" type="url" maxLength={500} className={inputClass} />
          </label>
          <div>
            <button type="submit" className={buttonClass}>
              {t('staff.addNote')}
            </button>
          </div>
        </StaffForm>
        <h3 className="text-lg font-semibold">{t('staff.currentNotes')}</h3>
        {notes.length === 0 ? (
          <p>{t('staff.noNotes')}</p>
        ) : (
          <ul className="space-y-2">
            {notes.map((n) => (
              <li key={n.id} className="flex flex-wrap items-center gap-3 rounded border border-stone-300 bg-white p-2">
                <span>
                  <strong>{n.municipality.name}</strong>: {n.text} ({formatDate(locale, n.validUntil)})
                </span>
                <RowAction
                  {...formProps}
                  fields={{ locale, intent: 'removeNote', id: n.id }}
                  label={t('staff.remove')}
                  itemLabel={`${n.municipality.name} — ${n.text}`}
                  className={secondaryButtonClass}
                />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
