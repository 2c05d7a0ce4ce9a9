import Link from 'next/link';
import Markdown from 'react-markdown';
import type { CallAnswer } from '@/lib/calls';
import { formatDate, type Locale, type Translate } from '@/lib/i18n';

/*
 * The open calls for messages that ask the mayor's comune, on the dashboard:
 * what the communications office asks (its Markdown, never raw HTML), by when,
 * where the comune stands, a link that starts a message answering it, and a
 * plain form (app/api/sindaco/appelli/rifiuto: it works without JavaScript) to
 * say it does not concern the comune.
 */
export function CallCards({
  t,
  locale,
  institution,
  calls,
}: {
  t: Translate;
  locale: Locale;
  institution: string;
  calls: Array<{ id: number; title: string; brief: string; deadline: Date; answer: CallAnswer }>;
}) {
  if (!calls.length) return null;
  return (
    <section aria-labelledby="calls-title" className="space-y-3">
      <h2 id="calls-title" className="text-2xl font-semibold">
        {t('mayor.callsTitle', { institution })}
      </h2>
      <ul className="space-y-3">
        {calls.map((call) => (
          <li key={call.id} className="rounded border-2 border-primary bg-primary-light p-4">
            <h3 className="text-xl font-semibold">{t('mayor.callHeading', { institution, title: call.title })}</h3>
            <p className="font-semibold">{t('mayor.callDeadline', { date: formatDate(locale, call.deadline) })}</p>
            <div className="legal-document mt-2">
              <Markdown>{call.brief}</Markdown>
            </div>
            <p className="mt-2">{t(`mayor.callStates.${call.answer}`)}</p>
            <p className="mt-3">
              <Link
                href={`/sindaco/messaggi/nuovo?appello=${call.id}`}
                className="inline-block rounded bg-primary px-4 py-2 font-semibold text-white no-underline"
              >
                {t('mayor.callAnswer')}
              </Link>
            </p>
            {call.answer === 'none' ? (
              <details className="mt-3">
                <summary className="cursor-pointer font-semibold">{t('mayor.callDecline')}</summary>
                <form action="/api/sindaco/appelli/rifiuto" method="post" className="mt-2 space-y-2">
                  <input type="hidden" name="callId" value={call.id} />
                  <label className="block">
                    {t('mayor.callDeclineNote')}
                    <textarea name="note" maxLength={500} rows={2} className="mt-1 block w-full rounded border border-stone-500 bg-white p-2" />
                  </label>
                  <button type="submit" className="rounded border-2 border-primary bg-white px-3 py-1 font-semibold text-primary-dark">
                    {t('mayor.callDecline')}
                  </button>
                </form>
              </details>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
