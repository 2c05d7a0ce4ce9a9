import { serveMedia } from '@/lib/uploads/serve';

export const dynamic = 'force-dynamic';

/* The light version (360p, about 400 kbit/s), under the same rule as the video. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return serveMedia(request, (await params).id, 'LIGHT');
}
