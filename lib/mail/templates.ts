import { translator, type MessageKey } from '../i18n';
import { escapeMarkup } from '../text/markup';
import type { OutgoingMail } from './send';

/*
 * Mail goes out before we know which language the reader prefers, so each mail
 * carries Italian first and English after, like the signs in a bilingual office.
 */

/** `lines` are quoted as they are (a moderator's reason, a list of titles) under the body in both languages. */
function bilingual(
  to: string,
  keys: { subject: MessageKey; body: MessageKey; action: MessageKey },
  params: Record<string, string | number>,
  url: string,
  lines: readonly string[] = [],
): OutgoingMail {
  const it = translator('it');
  const en = translator('en');
  const subject = `${it(keys.subject, params)} / ${en(keys.subject, params)}`;
  const part = (t: typeof it) => ({ body: t(keys.body, params), action: t(keys.action, params) });
  const parts = [part(it), part(en)];
  const quoted = lines.map((l) => `> ${l}\n`).join('');
  const text = parts.map((p) => `${p.body}\n${quoted ? `\n${quoted}` : ''}\n${p.action}: ${url}\n`).join('\n---\n\n');
  const quotedHtml = lines.length ? `<blockquote>${lines.map((l) => escapeMarkup(l)).join('<br>')}</blockquote>` : '';
  const html = parts
    .map(
      (p, i) =>
        `<div lang="${i === 0 ? 'it' : 'en'}"><p>${escapeMarkup(p.body)}</p>${quotedHtml}<p><a href="${escapeMarkup(url)}">${escapeMarkup(p.action)}</a></p></div>`,
    )
    .join('<hr>');
  return { to, subject, text, html };
}

export function signInMail(to: string, url: string, minutes: number): OutgoingMail {
  return bilingual(to, { subject: 'mail.signInSubject', body: 'mail.signInBody', action: 'mail.signInAction' }, { minutes }, url);
}

export function invitationMail(to: string, name: string, url: string): OutgoingMail {
  return bilingual(to, { subject: 'mail.inviteSubject', body: 'mail.inviteBody', action: 'mail.inviteAction' }, { name }, url);
}

export type EditorialNotice = 'approved' | 'changes' | 'rejected' | 'published' | 'withdrawn';

/** To a comune's mayors when staff decide on one of its messages; the reason, when there is one, is quoted. */
export function editorialMail(
  to: string,
  notice: EditorialNotice,
  params: { title: string; comune: string },
  url: string,
  reason: string | null,
): OutgoingMail {
  return bilingual(
    to,
    {
      subject: `mail.${notice}Subject` as MessageKey,
      body: `mail.${notice}Body` as MessageKey,
      action: notice === 'published' ? 'mail.publishedAction' : 'mail.mayorAction',
    },
    params,
    url,
    reason ? reason.split(/\r?\n/) : [],
  );
}

/** To a moderator who asked to hear of each submission at once. */
export function submissionMail(to: string, params: { title: string; comune: string }, url: string): OutgoingMail {
  return bilingual(to, { subject: 'mail.submittedSubject', body: 'mail.submittedBody', action: 'mail.queueAction' }, params, url);
}

/** To a moderator who asked for one mail a day: every submission since the last one. */
export function digestMail(to: string, submissions: ReadonlyArray<{ title: string; comune: string }>, url: string): OutgoingMail {
  return bilingual(
    to,
    { subject: 'mail.digestSubject', body: 'mail.digestBody', action: 'mail.queueAction' },
    { count: submissions.length },
    url,
    submissions.map((s) => `${s.comune}: ${s.title}`),
  );
}

/** To administrators when YouTube stops accepting the channel's token. */
export function channelDisconnectedMail(to: string, channel: string, reason: string, url: string): OutgoingMail {
  return bilingual(to, { subject: 'mail.channelSubject', body: 'mail.channelBody', action: 'mail.channelAction' }, { channel }, url, [reason]);
}

/** To the accessibility contact when a citizen reports a problem: the report is quoted as written. */
export function accessibilityReportMail(
  to: string,
  report: { name: string | null; email: string; pageUrl: string | null; description: string },
  url: string,
): OutgoingMail {
  const lines = [
    `${report.name ? `${report.name} ` : ''}<${report.email}>`,
    ...(report.pageUrl ? [report.pageUrl] : []),
    '',
    ...report.description.split('\n'),
  ];
  return bilingual(
    to,
    { subject: 'accessibilityReport.mailSubject', body: 'accessibilityReport.mailBody', action: 'accessibilityReport.mailAction' },
    {},
    url,
    lines,
  );
}

/** To the mayors of the comuni a call for messages asks: what staff ask for, quoted, and by when. */
export function callReminderMail(to: string, params: { title: string; deadline: string; institution: string; days: number }, url: string): OutgoingMail {
  return bilingual(to, { subject: 'mail.callReminderSubject', body: 'mail.callReminderBody', action: 'mail.callAction' }, params, url);
}

/** To staff the day after a call's deadline: who answered and who did not. */
export function callClosedMail(
  to: string,
  params: { title: string; deadline: string; asked: number; published: number; submitted: number; declined: number; none: number },
  url: string,
): OutgoingMail {
  return bilingual(to, { subject: 'mail.callClosedSubject', body: 'mail.callClosedBody', action: 'mail.callClosedAction' }, params, url);
}

export function callMail(to: string, params: { title: string; deadline: string; institution: string }, brief: string, url: string): OutgoingMail {
  return bilingual(to, { subject: 'mail.callSubject', body: 'mail.callBody', action: 'mail.callAction' }, params, url, brief.split(/\r?\n/));
}
