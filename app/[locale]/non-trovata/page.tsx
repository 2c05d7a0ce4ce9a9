import { NotFoundContent } from '@/components/common/NotFoundContent';
import { titled } from '../_shared/locale';

/*
 * The 404's words as a page of its own, rendered on the server: the front
 * server sends it, with status 404, in place of the empty shell Next.js gives
 * a dynamic route's notFound() (lib/web/not-found-page.ts).
 */
export const generateMetadata = titled('errors.notFoundTitle', { robots: { index: false } });

export default function NotFoundPage() {
  return <NotFoundContent />;
}
