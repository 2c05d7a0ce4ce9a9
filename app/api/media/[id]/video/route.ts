import { serveMedia } from '@/lib/uploads/serve';

export const dynamic = 'force-dynamic';

/* The uploaded video itself: staff and the comune's mayors always, citizens once published. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return serveMedia(request, (await params).id);
}
