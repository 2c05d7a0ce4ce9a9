import { serveMedia } from '@/lib/uploads/serve';

export const dynamic = 'force-dynamic';

/* The sound alone (M4A, about 48 kbit/s), under the same rule as the video: the podcast's episodes. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return serveMedia(request, (await params).id, 'AUDIO');
}
