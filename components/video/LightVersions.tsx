import type { Translate } from '@/lib/i18n';

/**
 * The light version and the sound alone of a message, with their sizes, for a
 * citizen on a weak line or counting their data: plain links the browser plays
 * by itself (no script needed), and the audio playable in place.
 */
export function LightVersions({
  mediaId,
  title,
  light,
  audio,
  t,
}: {
  mediaId: string;
  title: string;
  light: string | null;
  audio: string | null;
  t: Translate;
}) {
  if (!light && !audio) return null;
  const audioUrl = `/api/media/${mediaId}/audio`;
  return (
    <section aria-labelledby="light-heading" className="mt-4 rounded border border-stone-300 p-3">
      <h2 id="light-heading" className="text-lg font-semibold">
        {t('video.lightTitle')}
      </h2>
      <p className="mt-1 text-sm text-stone-700">{t('video.lightNote')}</p>
      <ul className="mt-2 space-y-1">
        {light ? (
          <li>
            <a href={`/api/media/${mediaId}/leggera`} type="video/mp4">
              {t('video.lightVideo', { size: light })}
            </a>
          </li>
        ) : null}
        {audio ? (
          <li>
            <a href={audioUrl} type="audio/mp4">
              {t('video.audioOnly', { size: audio })}
            </a>
          </li>
        ) : null}
      </ul>
      {audio ? <audio className="mt-2 w-full" controls preload="none" src={audioUrl} aria-label={t('video.audioPlayer', { title })} /> : null}
    </section>
  );
}
