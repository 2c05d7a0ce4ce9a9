import { notFound } from 'next/navigation';
import { areaComuni } from '@/lib/catalog';
import Markdown from 'react-markdown';
import { AreaMap } from '@/components/map/AreaMap';
import { StaffForm } from '@/components/staff/StaffForm';
import { buttonClass, Outcome, secondaryButtonClass, StaffNav } from '@/components/staff/StaffNav';
import { callFollowUp, callForStaff, countAnswers, isOpen, type CallAnswer } from '@/lib/calls';
import { collectionPath, municipalityPath } from '@/lib/catalog/paths';
import { config } from '@/lib/config';
import { db } from '@/lib/db/client';
import { rowId } from '@/lib/db/ids';
import { projectedAreaMap } from '@/lib/geo/load';
import { AREA_MAP_WIDTH } from '@/lib/geo/render';
import { formatDate } from '@/lib/i18n';
import { titled } from '../../../_shared/locale';
import { one, staffMetadata, staffPage, type SearchParams } from '../../_shared/page';

export const dynamic = 'force-dynamic';
export const generateMetadata = titled('staff.followUp', staffMetadata);

const ANSWERS: CallAnswer[] = ['published', 'submitted', 'declined', 'none'];
const MAP_CLASS: Record<CallAnswer, string> = { published: 'cov-published', submitted: 'cov-waiting', declined: 'cov-declined', none: 'cov-none' };

/** One call's follow-up: what was asked, and for each comune asked whether it published, submitted, declined or said nothing. */
export default async function CallFollowUpPage({ params, searchParams }: { params: Promise<{ locale: string; id: string }>; searchParams: SearchParams }) {
  const { id } = await params;
  const { locale, t, user, isAdmin, formError } = await staffPage(params, 'moderate', `/staff/appelli/${encodeURIComponent(id)}`, searchParams);
  const callId = rowId.safeParse(id);
  if (!callId.success) notFound();
  const call = await callForStaff(db(), user, callId.data);
  if (!call) notFound();
  const [rows, comuni] = await Promise.all([callFollowUp(db(), user, call.id), areaComuni(db(), config().areaCode)]);
  const asked = new Map(rows.map((r) => [r.istatCode, r]));
  const query = await searchParams;
  const count = Number(one(query.comuni) ?? 0);
  const esito = one(query.esito);
  const outcome =
    esito === 'inviato'
      ? t('staff.callCreated', { count: Number.isSafeInteger(count) ? count : 0 })
      : esito === 'raccolta-pubblica'
        ? t('staff.collectionPublished')
        : esito === 'raccolta-ritirata'
          ? t('staff.collectionWithdrawn')
          : null;
  const counts = countAnswers(rows);
  const { reminderDays, reminderHour } = config().coordination;
  const collectionUrl = `${config().publicUrl}${collectionPath(call.id)}`;
  return (
    <div className="space-y-6">
      <StaffNav t={t} error={formError} current="calls" isAdmin={isAdmin} title={call.title} />
      <Outcome text={outcome} />
      <p className="font-semibold">{t('mayor.callDeadline', { date: formatDate(locale, call.deadline) })}</p>
      {isOpen(call) ? (
        <p>
          {reminderDays.length
            ? t('staff.remindersInfo', { days: reminderDays.join(', '), hour: String(reminderHour).padStart(2, '0') })
            : t('staff.noReminders')}
        </p>
      ) : (
        <p role="status" className="rounded border-2 border-primary bg-white p-3 font-semibold">
          {t('staff.callClosedSummary', {
            date: formatDate(locale, call.deadline),
            answered: counts.published + counts.submitted,
            asked: counts.asked,
            declined: counts.declined,
            none: counts.none,
          })}
        </p>
      )}
      <div className="legal-document rounded border border-stone-300 bg-white p-3">
        <Markdown>{call.brief}</Markdown>
      </div>
      <section aria-labelledby="collection" className="space-y-2">
        <h2 id="collection" className="text-xl font-semibold">
          {t('staff.collectionTitle')}
        </h2>
        <p>{t('staff.collectionHelp')}</p>
        {call.isPublic ? (
          <p>
            {t('staff.collectionLive')} <a href={collectionPath(call.id)}>{collectionUrl}</a>
          </p>
        ) : null}
        <StaffForm action="/api/staff/appelli" errorsTitle={t('staff.formErrors')} sendingLabel={t('staff.sending')}>
          <input type="hidden" name="locale" value={locale} />
          <input type="hidden" name="intent" value="collection" />
          <input type="hidden" name="callId" value={call.id} />
          <input type="hidden" name="public" value={call.isPublic ? '0' : '1'} />
          <button type="submit" className={call.isPublic ? secondaryButtonClass : buttonClass}>
            {t(call.isPublic ? 'staff.collectionOff' : 'staff.collectionOn')}
          </button>
        </StaffForm>
      </section>
      <section aria-labelledby="follow-up" className="space-y-3">
        <h2 id="follow-up" className="text-xl font-semibold">
          {t('staff.followUp')}
        </h2>
        <p role="status">{ANSWERS.map((a) => `${t(`staff.callAnswers.${a}`)}: ${counts[a]}`).join(' · ')}</p>
        <p>
          <a href={`/api/staff/appelli/${call.id}/seguito.csv`} className={secondaryButtonClass} download>
            {t('staff.csv')}
          </a>
        </p>
        <AreaMap
          id="follow-up-map"
          map={projectedAreaMap(AREA_MAP_WIDTH)}
          areas={comuni.map((m) => {
            const row = asked.get(m.istatCode);
            return row
              ? {
                  istatCode: m.istatCode,
                  name: m.name,
                  href: `#comune-${m.istatCode}`,
                  label: `${m.name}: ${t(`staff.callAnswers.${row.answer}`)}`,
                  className: MAP_CLASS[row.answer],
                }
              : { istatCode: m.istatCode, name: m.name, href: municipalityPath(m), label: `${m.name}: ${t('staff.notAsked')}`, className: 'cov-outside' };
          })}
          title={t('staff.followUpMap')}
          description={t('staff.followUpMapHelp')}
          legendTitle={t('staff.callAnswerCol')}
          legend={[
            ...ANSWERS.map((a) => ({ className: MAP_CLASS[a], label: t(`staff.callAnswers.${a}`) })),
            { className: 'cov-outside', label: t('staff.notAsked') },
          ]}
          t={t}
        />
        <div className="mt-2 overflow-x-auto">
          <table className="w-full border-collapse text-left">
            <thead>
              <tr className="border-b border-stone-400">
                <th scope="col" className="p-2">
                  {t('staff.comune')}
                </th>
                <th scope="col" className="p-2">
                  {t('staff.callAnswerCol')}
                </th>
                <th scope="col" className="p-2">
                  {t('staff.callNoteCol')}
                </th>
                <th scope="col" className="p-2">
                  {t('staff.callRemindedCol')}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.istatCode} id={`comune-${row.istatCode}`} className="border-b border-stone-200 target:bg-primary-light" data-answer={row.answer}>
                  <th scope="row" className="p-2 font-normal">
                    {row.name}
                  </th>
                  <td className="p-2">{t(`staff.callAnswers.${row.answer}`)}</td>
                  <td className="p-2">
                    {row.messages.length
                      ? row.messages.map((m) => (
                          <a key={m.id} href={`/staff/moderazione/${m.id}`} className="mr-2">
                            {m.title}
                          </a>
                        ))
                      : (row.declineNote ?? '')}
                  </td>
                  <td className="p-2">{row.reminders.map((days) => t('staff.remindedDays', { days })).join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
