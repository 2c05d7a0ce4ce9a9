import { formatDateTime, LOCALES, type Locale, type Translate } from '@/lib/i18n';

/*
 * On the mayor's dashboard: the next coordination meeting, and the weekly
 * briefing's settings (wanted or not, its language) as a plain form posted to
 * app/api/sindaco/notiziario (it works without JavaScript).
 */
export function BriefingBox({
  t,
  locale,
  meeting,
  preferences,
}: {
  t: Translate;
  locale: Locale;
  meeting: { startsAt: Date; link: string; note: string | null } | null;
  preferences: { weeklyBriefing: boolean; briefingLocale: string };
}) {
  return (
    <section id="notiziario" aria-labelledby="briefing-title" className="space-y-3 rounded border border-stone-300 bg-white p-4">
      <h2 id="briefing-title" className="text-xl font-semibold">
        {t('mayor.briefingTitle')}
      </h2>
      {meeting ? (
        <p>
          {t('mayor.nextMeeting', { date: formatDateTime(locale, meeting.startsAt) })}
          {meeting.note ? ` — ${meeting.note}` : ''} ·{' '}
          <a href={meeting.link} rel="noopener noreferrer">
            {t('mayor.meetingJoin')}
          </a>
        </p>
      ) : null}
      <p>{t('mayor.briefingHelp')}</p>
      <form method="post" action="/api/sindaco/notiziario" className="flex flex-wrap items-end gap-4">
        <label className="flex items-center gap-2">
          <input type="checkbox" name="wanted" defaultChecked={preferences.weeklyBriefing} /> {t('mayor.briefingWanted')}
        </label>
        <label>
          {t('mayor.briefingLanguage')}
          <select name="briefingLocale" defaultValue={preferences.briefingLocale} className="mt-1 block rounded border border-stone-500 bg-white px-2 py-1">
            {LOCALES.map((l) => (
              <option key={l} value={l} lang={l}>
                {t(`form.languages.${l}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="rounded bg-primary px-4 py-2 font-semibold text-white">
          {t('mayor.briefingSave')}
        </button>
      </form>
    </section>
  );
}
