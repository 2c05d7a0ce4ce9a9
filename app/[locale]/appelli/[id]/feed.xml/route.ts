import { collectionFeed } from '../../../_shared/feeds';

export async function GET(_request: Request, { params }: { params: Promise<{ locale: string; id: string }> }) {
  const { locale, id } = await params;
  return collectionFeed(locale, id);
}
