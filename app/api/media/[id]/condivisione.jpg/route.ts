import { serveMedia } from '@/lib/uploads/serve';

export const dynamic = 'force-dynamic';

/* The share picture (1200×630, Open Graph and oEmbed), under the same rule as the video. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return serveMedia(request, (await params).id, 'SHARE');
}
