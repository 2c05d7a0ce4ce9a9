/**
 * The portal's own copy of a message, played by the browser (no script, no
 * third party); the staff console uses it too, before publication.
 */
export function FilePlayer({
  mediaId,
  title,
  captionsUrl,
  captionsLanguage,
  captionsLabel,
  fallback,
}: {
  mediaId: string;
  title: string;
  captionsUrl?: string | null;
  captionsLanguage?: string;
  captionsLabel: string;
  fallback: string;
}) {
  const src = `/api/media/${mediaId}/video`;
  return (
    <video className="aspect-video w-full rounded bg-black" controls preload="metadata" poster={`/api/media/${mediaId}/poster.jpg`} aria-label={title}>
      <source src={src} />
      {captionsUrl ? <track kind="captions" src={captionsUrl} srcLang={captionsLanguage ?? 'it'} label={captionsLabel} default /> : null}
      <a href={src}>{fallback}</a>
    </video>
  );
}
