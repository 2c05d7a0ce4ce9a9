'use client';

import { NextIntlClientProvider, type AbstractIntlMessages } from 'next-intl';

/*
 * The strings a page's client components need, and nothing more: server pages
 * pass messagesFor(locale, [...namespaces]) so no page ships the whole
 * dictionary of either language. Missing keys show the key instead of failing.
 */
export function ClientMessages({ locale, messages, children }: { locale: 'it' | 'en'; messages: object; children: React.ReactNode }) {
  return (
    <NextIntlClientProvider locale={locale} messages={messages as AbstractIntlMessages} timeZone="Europe/Rome" onError={() => undefined}>
      {children}
    </NextIntlClientProvider>
  );
}
