import { randomUUID } from 'node:crypto';
import { RowAction, StaffForm } from '@/components/staff/StaffForm';
import { buttonClass, inputClass, Outcome, secondaryButtonClass, StaffNav } from '@/components/staff/StaffNav';
import { config } from '@/lib/config';
import { upcomingMeetings } from '@/lib/coordination/meetings';
import { db } from '@/lib/db/client';
import { formatDateTime } from '@/lib/i18n';
import type { LocaleParams } from '../../_shared/locale';
import { titled } from '../../_shared/locale';
import { one, staffMetadata, staffPage, type SearchParams } from '../_shared/page';

export const dynamic = 'force-dynamic';
export const generateMetadata = titled('staff.meetingsTitle', staffMetadata);

const OUTCOMES = { aggiunta: 'staff.meetingSaved', eliminata: 'staff.meetingDeleted', notiziario: 'staff.briefingQueued' } as const;

/** The coordination meetings staff set with the mayors, and the weekly briefing that announces the next one. */
export default async function MeetingsPage({ params, searchParams }: { params: LocaleParams; searchParams: SearchParams }) {
  const { locale, t, isAdmin, formError } = await staffPage(params, 'moderate', '/staff/riunioni', searchParams);
  const meetings = await upcomingMeetings(db());
  const esito = one((await searchParams).esito) ?? '';
  const outcome = Object.hasOwn(OUTCOMES, esito) ? t(OUTCOMES[esito as keyof typeof OUTCOMES]) : null;
  const formProps = { action: '/api/staff/riunioni', errorsTitle: t('staff.formErrors'), sendingLabel: t('staff.sending') };
  const { briefingDay, briefingHour } = config().coordination;
  return (
    <div className="space-y-6">
      <StaffNav t={t} error={formError} current="meetings" isAdmin={isAdmin} title={t('staff.meetingsTitle')} />
      <Outcome text={outcome} />
      <p>{t('staff.meetingsIntro')}</p>
      <section aria-labelledby="upcoming" className="space-y-2">
        <h2 id="upcoming" className="text-xl font-semibold">
          {t('staff.upcomingMeetings')}
        </h2>
        {meetings.length === 0 ? (
          <p>{t('staff.noMeetings')}</p>
        ) : (
          <ul className="space-y-2">
            {meetings.map((m) => (
              <li key={m.id} className="rounded border border-stone-300 bg-white p-3">
                <p className="font-semibold">{formatDateTime(locale, m.startsAt)}</p>
                {m.note ? <p>{m.note}</p> : null}
                <p className="break-all">
                  <a href={m.link} rel="noopener noreferrer">
                    {m.link}
                  </a>
                </p>
                <RowAction
                  {...formProps}
                  fields={{ locale, intent: 'delete', id: m.id }}
                  label={t('staff.remove')}
                  itemLabel={t('staff.deleteMeeting', { date: formatDateTime(locale, m.startsAt) })}
                  className={`${secondaryButtonClass} mt-2`}
                />
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="new-meeting">
        <h2 id="new-meeting" className="text-xl font-semibold">
          {t('staff.addMeeting')}
        </h2>
        <StaffForm {...formProps} className="space-y-3 rounded border border-stone-300 bg-white p-3">
          <input type="hidden" name="locale" value={locale} />
          <div className="grid gap-3 sm:grid-cols-2">
            <label>
              {t('staff.meetingDate')}
              <input type="date" name="date" required className={inputClass} />
            </label>
            <label>
              {t('staff.meetingTime')}
              <input type="time" name="time" required className={inputClass} />
            </label>
          </div>
          <label className="block">
            {t('staff.meetingLink')}
            <input type="url" name="link" required maxLength={500} pattern="https://.+" className={inputClass} />
          </label>
          <label className="block">
            {t('staff.meetingNote')}
            <input name="note" maxLength={300} className={inputClass} />
          </label>
          <button type="submit" className={buttonClass}>
            {t('staff.addMeeting')}
          </button>
        </StaffForm>
      </section>
      <section aria-labelledby="briefing" className="space-y-2">
        <h2 id="briefing" className="text-xl font-semibold">
          {t('staff.briefingTitle')}
        </h2>
        <p>{t('staff.briefingHelp', { day: String(briefingDay), hour: String(briefingHour).padStart(2, '0') })}</p>
        <StaffForm action="/api/staff/notiziario" errorsTitle={t('staff.formErrors')} sendingLabel={t('staff.sending')}>
          <input type="hidden" name="locale" value={locale} />
          <input type="hidden" name="edition" value={randomUUID()} />
          <button type="submit" className={buttonClass}>
            {t('staff.sendBriefing')}
          </button>
        </StaffForm>
      </section>
    </div>
  );
}
