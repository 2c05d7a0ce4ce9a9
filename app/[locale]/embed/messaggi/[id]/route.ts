import { messageEmbedResponse } from '../../../_shared/embeds';

export const dynamic = 'force-dynamic';

/** One published message with its player, for another website to frame. */
export async function GET(request: Request, { params }: { params: Promise<{ locale: string; id: string }> }) {
  const { locale, id } = await params;
  return messageEmbedResponse(locale, id, request);
}
