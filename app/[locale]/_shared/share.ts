import type { Metadata } from 'next';
import { SHARE_SIZE } from '@/lib/catalog/paths';
import { translator, type Locale } from '@/lib/i18n';

/*
 * What a page shows when its address is shared (Open Graph, Twitter cards):
 * relative addresses here, made absolute by the layout's metadataBase. A
 * published message brings its share picture and its video; other pages the
 * portal's own picture.
 */

const SITE_PICTURE = { path: '/condivisione.png', ...SHARE_SIZE };
const OG_LOCALES: Record<Locale, string> = { it: 'it_IT', en: 'en_GB' };

export interface SharedPage {
  title: string;
  description: string;
  path?: string;
  picture?: { path: string; width?: number; height?: number };
  /** A published message's file, played where the network plays videos: an absolute address (metadataBase does not apply to videos). */
  video?: { url: string; type?: string };
}

export function shareMetadata(locale: Locale, page: SharedPage): Pick<Metadata, 'openGraph' | 'twitter'> {
  const t = translator(locale);
  const picture = page.picture ?? SITE_PICTURE;
  const image = { url: picture.path, ...(picture.width ? { width: picture.width, height: picture.height } : {}), alt: page.title };
  return {
    openGraph: {
      type: page.video ? 'video.other' : 'website',
      siteName: t('site.name'),
      title: page.title,
      description: page.description,
      ...(page.path ? { url: page.path } : {}),
      locale: OG_LOCALES[locale],
      alternateLocale: OG_LOCALES[locale === 'it' ? 'en' : 'it'],
      images: [image],
      ...(page.video ? { videos: [page.video] } : {}),
    },
    twitter: { card: 'summary_large_image', title: page.title, description: page.description, images: [picture.path] },
  };
}
