/** A form's answer: go (GET) to this page of the portal, which says what happened; a reload never posts twice. */
export function seeOther(location: string): Response {
  return new Response(null, { status: 303, headers: { Location: location, 'Cache-Control': 'no-store' } });
}
