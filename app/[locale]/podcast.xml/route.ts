import { allMessagesFeed, PODCAST } from '../_shared/feeds';

export async function GET(_request: Request, { params }: { params: Promise<{ locale: string }> }) {
  return allMessagesFeed((await params).locale, PODCAST);
}
