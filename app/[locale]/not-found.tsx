import { NotFoundContent } from '@/components/common/NotFoundContent';
import { titled } from './_shared/locale';

/*
 * Next.js reads a not-found file's metadata with its segment's params (the
 * component itself gets none): the 404's title is in the page's language in
 * the served HTML, before any script runs.
 */
export const generateMetadata = titled('errors.notFoundTitle');

export default function NotFound() {
  return <NotFoundContent />;
}
