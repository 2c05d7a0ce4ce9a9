import { videoPath } from '../catalog/paths';
import { translator, type Locale, type Translate } from '../i18n';
import type { OutgoingMail } from '../mail/send';
import { escapeMarkup } from '../text/markup';
import type { Frequency } from './subject';

/*
 * The mails a citizen gets, in the language they signed up in (unlike staff
 * mail, which is bilingual): the confirmation, one alert per message, the
 * weekly summary. Every mail of a subscription carries a one-click unsubscribe
 * (RFC 8058: List-Unsubscribe with an https address, List-Unsubscribe-Post)
 * and a link to manage it.
 */

export interface SubscriptionLinks {
  manage: string;
  unsubscribe: string;
}

/*
 * Pages a mail links to open in the subscriber's language: the /it or /en
 * prefix sets it, then gives way to the page's usual address. The one-click
 * address is for mail programs, not people: it has no language.
 */
export function subscriptionLinks(publicUrl: string, locale: Locale, token: string): SubscriptionLinks {
  return { manage: `${publicUrl}/${locale}/avvisi/gestisci?t=${token}`, unsubscribe: `${publicUrl}/api/avvisi/disiscrivi?t=${token}` };
}

export function messageLink(publicUrl: string, locale: Locale, id: string): string {
  return `${publicUrl}/${locale}${videoPath(id)}`;
}

export function confirmationLink(publicUrl: string, locale: Locale, sealed: string): string {
  return `${publicUrl}/${locale}/avvisi/conferma?t=${sealed}`;
}

export interface AlertedMessage {
  title: string;
  comune: string;
  url: string;
}

function footer(t: Translate, subject: string, links: SubscriptionLinks): { text: string; html: string } {
  return {
    text: `\n--\n${t('alerts.mail.footer', { subject })}\n${t('alerts.mail.manage')}: ${links.manage}\n${t('alerts.mail.unsubscribe')}: ${links.unsubscribe}\n`,
    html: `<hr><p>${escapeMarkup(t('alerts.mail.footer', { subject }))}<br><a href="${escapeMarkup(links.manage)}">${escapeMarkup(t('alerts.mail.manage'))}</a> · <a href="${escapeMarkup(links.unsubscribe)}">${escapeMarkup(t('alerts.mail.unsubscribe'))}</a></p>`,
  };
}

function listHeaders(links: SubscriptionLinks): Record<string, string> {
  return { 'List-Unsubscribe': `<${links.unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
}

function document(locale: Locale, body: string): string {
  return `<!doctype html><html lang="${locale}"><body>${body}</body></html>`;
}

export function confirmationMail(to: string, locale: Locale, params: { subject: string; site: string; hours: number }, url: string): OutgoingMail {
  const t = translator(locale);
  const body = t('alerts.mail.confirmBody', params);
  const action = t('alerts.mail.confirmAction');
  return {
    to,
    subject: t('alerts.mail.confirmSubject', params),
    text: `${body}\n\n${action}: ${url}\n`,
    html: document(locale, `<p>${escapeMarkup(body)}</p><p><a href="${escapeMarkup(url)}">${escapeMarkup(action)}</a></p>`),
  };
}

export function alertMail(
  to: string,
  locale: Locale,
  params: { subject: string; site: string },
  message: AlertedMessage & { description: string },
  links: SubscriptionLinks,
): OutgoingMail {
  const t = translator(locale);
  const intro = t('alerts.mail.alertBody', { comune: message.comune, site: params.site });
  const watch = t('alerts.mail.watch');
  const end = footer(t, params.subject, links);
  const summary = message.description.length > 600 ? `${message.description.slice(0, 600)}…` : message.description;
  return {
    to,
    subject: t('alerts.mail.alertSubject', { comune: message.comune, title: message.title }).slice(0, 300),
    text: `${intro}\n\n${message.title}\n${summary ? `\n${summary}\n` : ''}\n${watch}: ${message.url}\n${end.text}`,
    html: document(
      locale,
      `<p>${escapeMarkup(intro)}</p><h1 style="font-size:1.25em">${escapeMarkup(message.title)}</h1>${summary ? `<p>${escapeMarkup(summary)}</p>` : ''}<p><a href="${escapeMarkup(message.url)}">${escapeMarkup(watch)}</a></p>${end.html}`,
    ),
    headers: listHeaders(links),
  };
}

export function weeklyMail(
  to: string,
  locale: Locale,
  params: { subject: string; site: string },
  messages: readonly AlertedMessage[],
  links: SubscriptionLinks,
): OutgoingMail {
  const t = translator(locale);
  const intro = t('alerts.mail.digestBody', params);
  const end = footer(t, params.subject, links);
  return {
    to,
    subject: t('alerts.mail.digestSubject', { count: messages.length, subject: params.subject }).slice(0, 300),
    text: `${intro}\n\n${messages.map((m) => `- ${m.comune}: ${m.title}\n  ${m.url}`).join('\n')}\n${end.text}`,
    html: document(
      locale,
      `<p>${escapeMarkup(intro)}</p><ul>${messages.map((m) => `<li>${escapeMarkup(m.comune)}: <a href="${escapeMarkup(m.url)}">${escapeMarkup(m.title)}</a></li>`).join('')}</ul>${end.html}`,
    ),
    headers: listHeaders(links),
  };
}

export function frequencyWords(t: Translate, frequency: Frequency): string {
  return t(`alerts.when.${frequency}`);
}
