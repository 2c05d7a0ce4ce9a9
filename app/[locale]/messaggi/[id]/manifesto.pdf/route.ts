import { posterResponse } from '../../../_shared/print';

export const dynamic = 'force-dynamic';

export async function GET(_request: Request, { params }: { params: Promise<{ locale: string; id: string }> }) {
  const { locale, id } = await params;
  return posterResponse(locale, id);
}
