/*
 * Next.js answers notFound() in a dynamic route with an empty shell that its
 * scripts fill in on the client (vercel/next.js#62228, open): nothing to read
 * without JavaScript, or before it arrives on a weak line. The front server
 * sends the same words rendered as a page of their own instead, still as a 404.
 */

/** The marker of Next.js's client-rendered error shell. */
export const ERROR_SHELL = '<html id="__next_error__"';

/** The public address of the not-found page rendered on the server (app/[locale]/non-trovata); always answered as a 404. */
export const NOT_FOUND_PAGE = '/non-trovata';
