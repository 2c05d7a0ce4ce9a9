import { municipalityEmbedResponse } from '../../../_shared/embeds';

export const dynamic = 'force-dynamic';

/** A comune's latest messages, for its own website to frame. */
export async function GET(request: Request, { params }: { params: Promise<{ locale: string; istat: string }> }) {
  const { locale, istat } = await params;
  return municipalityEmbedResponse(locale, istat, request);
}
