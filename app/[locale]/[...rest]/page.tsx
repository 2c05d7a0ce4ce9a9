import { notFound } from 'next/navigation';
import { titled } from '../_shared/locale';

/*
 * Any address no route claims: the translated 404 of the [locale] layout. Its
 * title is this page's own metadata too, since the browser, once the page
 * runs, takes the title from the matched page's metadata rather than from not-found.
 */
export const generateMetadata = titled('errors.notFoundTitle', { robots: { index: false } });

export default function UnknownPage() {
  notFound();
}
