import { collectionEmbedResponse } from '../../../_shared/embeds';

export const dynamic = 'force-dynamic';

/** A call's public collection (its latest messages), for a comune's website to frame. */
export async function GET(request: Request, { params }: { params: Promise<{ locale: string; id: string }> }) {
  const { locale, id } = await params;
  return collectionEmbedResponse(locale, id, request);
}
