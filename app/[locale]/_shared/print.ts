import { findMunicipality, findPublishedVideo } from '@/lib/catalog';
import { MESSAGE_ID, parseMunicipalityParam } from '@/lib/catalog/paths';
import { config } from '@/lib/config';
import { db } from '@/lib/db/client';
import { localeOf } from '@/lib/i18n';
import { bulletinPdf, pdfResponse, posterPdf } from '@/lib/print/documents';

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
}

/** A published message's A4 poster; anything else does not exist. */
export async function posterResponse(localeParam: string, id: string): Promise<Response> {
  const video = MESSAGE_ID.test(id) ? await findPublishedVideo(db(), id) : null;
  if (!video) return notFound();
  return pdfResponse(await posterPdf(video, localeOf(localeParam)), `manifesto-${video.municipality.slug}-${video.shortCode}.pdf`);
}

/** A comune's weekly bulletin (any comune of the area, even one that has published nothing yet). */
export async function bulletinResponse(localeParam: string, param: string): Promise<Response> {
  const parsed = parseMunicipalityParam(param);
  const municipality = parsed ? await findMunicipality(db(), parsed.istatCode) : null;
  // Only the comune's own address: /001272-anything would be a new address for every cache, and a new PDF each time.
  if (!municipality || municipality.areaCode !== config().areaCode || parsed?.slug !== municipality.slug) return notFound();
  return pdfResponse(await bulletinPdf(db(), municipality, localeOf(localeParam)), `bollettino-${municipality.slug}.pdf`);
}
