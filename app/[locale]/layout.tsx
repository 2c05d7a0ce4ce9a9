import type { Metadata, Viewport } from 'next';
import { notFound } from 'next/navigation';
import { ClientMessages } from '@/components/common/ClientMessages';
import { HydrationSignal } from '@/components/common/HydrationSignal';
import { CrisisBanner } from '@/components/layout/CrisisBanner';
import { titillium } from '@/components/layout/font';
import { SiteFooter } from '@/components/layout/SiteFooter';
import { SiteHeader } from '@/components/layout/SiteHeader';
import { currentArea } from '@/lib/catalog/area';
import { activeBanner } from '@/lib/admin/announcements';
import { config } from '@/lib/config';
import { db } from '@/lib/db/client';
import { isLocale, localeOf, messagesFor, translator } from '@/lib/i18n';
import { shareMetadata } from './_shared/share';
import '../globals.css';

// Pages are rendered on first visit and then served from cache, refreshed every minute.
export const revalidate = 60;
export function generateStaticParams() {
  return [];
}

export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#0066cc' };

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  const language = localeOf(locale);
  const t = translator(language);
  return {
    ...shareMetadata(language, { title: t('site.name'), description: t('site.tagline', { area: currentArea().name }) }),
    metadataBase: new URL(config().publicUrl),
    title: { default: t('site.name'), template: `%s · ${t('site.name')}` },
    description: t('site.tagline', { area: currentArea().name }),
    alternates: { types: { 'application/rss+xml': '/feed.xml', 'application/atom+xml': '/atom.xml' } },
    // Named, so that browsers do not ask for /favicon.ico (a 404 in every page's console).
    icons: { icon: { url: '/favicon.svg', type: 'image/svg+xml' } },
  };
}

export default async function LocaleLayout({ children, params }: { children: React.ReactNode; params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  const t = translator(locale);
  const banner = await activeBanner(db());
  return (
    <html lang={locale} className={titillium.variable}>
      <body className="flex min-h-screen flex-col">
        <SiteHeader t={t} locale={locale} institution={config().institution} />
        <CrisisBanner banner={banner} locale={locale} t={t} />
        <main id="main" tabIndex={-1} className="mx-auto w-full max-w-6xl flex-1 px-4 py-6">
          <ClientMessages locale={locale} messages={messagesFor(locale, ['errors'])}>
            {children}
          </ClientMessages>
        </main>
        <SiteFooter t={t} institution={config().institution} />
        <HydrationSignal />
      </body>
    </html>
  );
}
