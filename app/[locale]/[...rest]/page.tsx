import { notFound } from 'next/navigation';

/* Any address no route claims: the translated 404 of the [locale] layout. */
export default function UnknownPage() {
  notFound();
}
