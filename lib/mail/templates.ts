import { translator, type MessageKey } from '../i18n';
import type { OutgoingMail } from './send';

/*
 * Mail goes out before we know which language the reader prefers, so each mail
 * carries Italian first and English after, like the signs in a bilingual office.
 */

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function bilingual(to: string, keys: { subject: MessageKey; body: MessageKey; action: MessageKey }, params: Record<string, string | number>, url: string): OutgoingMail {
  const it = translator('it');
  const en = translator('en');
  const subject = `${it(keys.subject, params)} / ${en(keys.subject, params)}`;
  const part = (t: typeof it) => ({ body: t(keys.body, params), action: t(keys.action, params) });
  const parts = [part(it), part(en)];
  const text = parts.map((p) => `${p.body}\n\n${p.action}: ${url}\n`).join('\n---\n\n');
  const html = parts
    .map((p, i) => `<div lang="${i === 0 ? 'it' : 'en'}"><p>${escapeHtml(p.body)}</p><p><a href="${escapeHtml(url)}">${escapeHtml(p.action)}</a></p></div>`)
    .join('<hr>');
  return { to, subject, text, html };
}

export function signInMail(to: string, url: string, minutes: number): OutgoingMail {
  return bilingual(to, { subject: 'mail.signInSubject', body: 'mail.signInBody', action: 'mail.signInAction' }, { minutes }, url);
}

export function invitationMail(to: string, name: string, url: string): OutgoingMail {
  return bilingual(to, { subject: 'mail.inviteSubject', body: 'mail.inviteBody', action: 'mail.inviteAction' }, { name }, url);
}
