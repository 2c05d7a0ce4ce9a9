import { videoPath } from '../catalog/paths';
import type { CallAnswer } from '../calls';
import type { EditorialStatus } from '../generated/prisma/enums';
import { formatDate, formatDateTime, translator, type Locale } from '../i18n';
import type { OutgoingMail } from '../mail/send';
import { escapeMarkup } from '../text/markup';

/** What one mayor's briefing says (lib/coordination/briefing.ts gathers it). */
export interface Briefing {
  institution: string;
  comune: string;
  /** Whether "published near you" means the comune's groups (or else the whole area). */
  inGroup: boolean;
  calls: Array<{ title: string; deadline: Date; answer: CallAnswer }>;
  waiting: Array<{ id: string; title: string; status: EditorialStatus }>;
  published: Array<{ id: string; title: string; comune: string }>;
  meeting: { startsAt: Date; link: string; note: string | null } | null;
}

interface Item {
  text: string;
  url?: string;
}

/*
 * The briefing in the one language the mayor chose (not bilingual like other
 * staff mail: the mayor said which). Links carry the language prefix, so the
 * pages open in it too.
 */
export function briefingMail(to: string, locale: Locale, briefing: Briefing, publicUrl: string): OutgoingMail {
  const t = translator(locale);
  const site = (path: string) => `${publicUrl}/${locale}${path}`;
  const sections: Array<{ title: string; items: Item[]; empty: string }> = [
    {
      title: t('briefing.calls'),
      items: briefing.calls.map((c) => ({
        text: t('briefing.callLine', { title: c.title, date: formatDate(locale, c.deadline), state: t(`staff.callAnswers.${c.answer}`) }),
        url: site('/sindaco'),
      })),
      empty: t('briefing.noCalls'),
    },
    {
      title: t('briefing.waiting'),
      items: briefing.waiting.map((v) => ({ text: `${v.title} — ${t(`status.${v.status}`)}`, url: site(`/sindaco/messaggi/${v.id}`) })),
      empty: t('briefing.noWaiting'),
    },
    {
      title: t(briefing.inGroup ? 'briefing.publishedGroup' : 'briefing.publishedArea'),
      items: briefing.published.map((v) => ({ text: `${v.comune}: ${v.title}`, url: site(videoPath(v.id)) })),
      empty: t('briefing.noPublished'),
    },
    {
      title: t('briefing.meeting'),
      items: briefing.meeting
        ? [{ text: [formatDateTime(locale, briefing.meeting.startsAt), briefing.meeting.note].filter(Boolean).join(' — '), url: briefing.meeting.link }]
        : [],
      empty: t('briefing.noMeeting'),
    },
  ];
  const intro = t('briefing.intro', { institution: briefing.institution, comune: briefing.comune });
  const footer = t('briefing.footer');
  const settings = site('/sindaco#notiziario');
  const text = [
    intro,
    ...sections.map((s) => `${s.title}\n${s.items.length ? s.items.map((i) => `- ${i.text}${i.url ? `\n  ${i.url}` : ''}`).join('\n') : s.empty}`),
    `--\n${footer}\n${settings}`,
  ].join('\n\n');
  const html = `<!doctype html><html lang="${locale}"><body><p>${escapeMarkup(intro)}</p>${sections
    .map(
      (s) =>
        `<h2>${escapeMarkup(s.title)}</h2>${
          s.items.length
            ? `<ul>${s.items.map((i) => `<li>${i.url ? `<a href="${escapeMarkup(i.url)}">${escapeMarkup(i.text)}</a>` : escapeMarkup(i.text)}</li>`).join('')}</ul>`
            : `<p>${escapeMarkup(s.empty)}</p>`
        }`,
    )
    .join('')}<hr><p><a href="${escapeMarkup(settings)}">${escapeMarkup(footer)}</a></p></body></html>`;
  return { to, subject: t('briefing.subject', { institution: briefing.institution, comune: briefing.comune }), text: `${text}\n`, html };
}
