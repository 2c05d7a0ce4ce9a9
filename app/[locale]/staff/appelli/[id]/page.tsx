import { notFound } from 'next/navigation';
import Markdown from 'react-markdown';
import { Outcome, StaffNav } from '@/components/staff/StaffNav';
import { callFollowUp, callForStaff } from '@/lib/calls';
import { db } from '@/lib/db/client';
import { rowId } from '@/lib/db/ids';
import { formatDate } from '@/lib/i18n';
import { titled } from '../../../_shared/locale';
import { one, staffMetadata, staffPage, type SearchParams } from '../../_shared/page';

export const dynamic = 'force-dynamic';
export const generateMetadata = titled('staff.followUp', staffMetadata);

/** One call's follow-up: what was asked, and for each comune asked whether it published, submitted, declined or said nothing. */
export default async function CallFollowUpPage({ params, searchParams }: { params: Promise<{ locale: string; id: string }>; searchParams: SearchParams }) {
  const { id } = await params;
  const { locale, t, user, isAdmin, formError } = await staffPage(params, 'moderate', `/staff/appelli/${encodeURIComponent(id)}`, searchParams);
  const callId = rowId.safeParse(id);
  if (!callId.success) notFound();
  const call = await callForStaff(db(), user, callId.data);
  if (!call) notFound();
  const rows = await callFollowUp(db(), user, call.id);
  const query = await searchParams;
  const count = Number(one(query.comuni) ?? 0);
  return (
    <div className="space-y-6">
      <StaffNav t={t} error={formError} current="calls" isAdmin={isAdmin} title={call.title} />
      <Outcome text={one(query.esito) === 'inviato' ? t('staff.callCreated', { count: Number.isSafeInteger(count) ? count : 0 }) : null} />
      <p className="font-semibold">{t('mayor.callDeadline', { date: formatDate(locale, call.deadline) })}</p>
      <div className="legal-document rounded border border-stone-300 bg-white p-3">
        <Markdown>{call.brief}</Markdown>
      </div>
      <section aria-labelledby="follow-up">
        <h2 id="follow-up" className="text-xl font-semibold">
          {t('staff.followUp')}
        </h2>
        <p role="status">
          {(['published', 'submitted', 'declined', 'none'] as const)
            .map((a) => `${t(`staff.callAnswers.${a}`)}: ${rows.filter((r) => r.answer === a).length}`)
            .join(' · ')}
        </p>
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
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.istatCode} className="border-b border-stone-200" data-answer={row.answer}>
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
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
