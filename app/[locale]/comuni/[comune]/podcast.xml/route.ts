import { municipalityFeed, PODCAST } from '../../../_shared/feeds';

export async function GET(_request: Request, { params }: { params: Promise<{ locale: string; comune: string }> }) {
  const { locale, comune } = await params;
  return municipalityFeed(locale, comune, PODCAST);
}
