import { PODCAST, themeFeed } from '../../../_shared/feeds';

export async function GET(_request: Request, { params }: { params: Promise<{ locale: string; slug: string }> }) {
  const { locale, slug } = await params;
  return themeFeed(locale, slug, PODCAST);
}
