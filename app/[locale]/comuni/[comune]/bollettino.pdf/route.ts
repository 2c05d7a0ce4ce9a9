import { bulletinResponse } from '../../../_shared/print';

export const dynamic = 'force-dynamic';

export async function GET(_request: Request, { params }: { params: Promise<{ locale: string; comune: string }> }) {
  const { locale, comune } = await params;
  return bulletinResponse(locale, comune);
}
