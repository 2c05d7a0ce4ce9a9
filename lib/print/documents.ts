import 'server-only';
import { publishedVideos, type VideoSummary } from '../catalog';
import { shortPath } from '../catalog/paths';
import { config } from '../config';
import type { Db } from '../db/client';
import { formatDate, labelledTitle, translator, type Locale } from '../i18n';
import { messagePoster, weeklyBulletin, type PrintedMessage, type PrintLabels } from './pdf';

/*
 * What goes on paper: a published message's poster and a comune's weekly
 * bulletin, from the same public read model as the pages (lib/catalog), so
 * nothing unpublished or hidden by an election period can be printed.
 */

const WEEK_MS = 7 * 24 * 3600_000;
const BULLETIN_SIZE = 8;
const QUIET_WEEK_SIZE = 4;

function labels(locale: Locale): PrintLabels {
  const t = translator(locale);
  const { institution, publicUrl } = config();
  return { institution: institution.name, site: `${t('site.name')} · ${new URL(publicUrl).host}`, scan: t('print.scan'), typeAddress: t('print.typeAddress') };
}

function printed(video: VideoSummary, locale: Locale): PrintedMessage {
  const t = translator(locale);
  const { publicUrl } = config();
  const short = `${publicUrl}${shortPath(video.shortCode)}`;
  return {
    comune: video.municipality.name,
    title: labelledTitle(t, video),
    text: video.description,
    publishedOn: t('video.publishedOn', { date: formatDate(locale, video.publishedAt) }),
    // The QR code carries the short address too: fewer modules, so it scans from further away and when faded.
    url: short,
    shortUrl: short.replace(/^https?:\/\//, ''),
  };
}

/** A poster of one published message (already read through the catalog). */
export function posterPdf(video: VideoSummary, locale: Locale): Promise<Buffer> {
  return messagePoster(printed(video, locale), labels(locale), locale);
}

/** The comune's messages of the last seven days, or its latest ones when the week was quiet. */
export async function bulletinPdf(db: Db, municipality: { istatCode: string; name: string }, locale: Locale, now = new Date()): Promise<Buffer> {
  const t = translator(locale);
  const since = new Date(now.getTime() - WEEK_MS);
  const { items } = await publishedVideos(db, { municipality: municipality.istatCode, limit: BULLETIN_SIZE });
  const week = items.filter((v) => v.publishedAt >= since);
  const shown = week.length ? week : items.slice(0, QUIET_WEEK_SIZE);
  return weeklyBulletin(
    {
      comune: municipality.name,
      title: t('print.bulletinTitle'),
      period: t('print.bulletinPeriod', { from: formatDate(locale, since), to: formatDate(locale, now) }),
      // A quiet week shows the latest messages, saying so; a comune with none says that instead of cards.
      note: week.length || !items.length ? null : t('print.bulletinQuiet'),
      empty: t('print.bulletinEmpty'),
    },
    shown.map((v) => printed(v, locale)),
    labels(locale),
    locale,
  );
}

export function pdfResponse(pdf: Buffer, filename: string): Response {
  return new Response(new Uint8Array(pdf), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `inline; filename="${filename}"`,
      // As the video files: a withdrawn message's poster must not linger in a cache. Shared caches (the front
      // server's among them, emptied when a message is withdrawn) keep it a minute: a PDF is costly to make.
      'Cache-Control': 'public, max-age=60, s-maxage=60',
      Vary: 'Cookie, Accept-Language',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
