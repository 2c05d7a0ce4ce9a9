import Link from 'next/link';
import type { VideoSummary } from '@/lib/catalog';
import { formatDate, formatDuration, themeLabel, type Locale, type Translate } from '@/lib/i18n';
import { municipalityPath, posterPath, videoPath, POSTER_WIDTH } from '@/lib/catalog/paths';

export function DemoBadge({ t }: { t: Translate }) {
  return <span className="rounded bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900">{t('video.demo')}</span>;
}

export function VideoCard({
  video,
  t,
  locale,
  headingLevel = 3,
  first = false,
}: {
  video: VideoSummary;
  t: Translate;
  locale: Locale;
  headingLevel?: 2 | 3;
  /** The list's first card: its picture is likely the largest thing on a phone's first screen, so it is not deferred. */
  first?: boolean;
}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <article className="overflow-hidden rounded border border-stone-300 bg-white">
      {/* eslint-disable-next-line @next/next/no-img-element -- the poster frame taken at inspection (or the drawn card): already small, same origin */}
      <img
        src={posterPath(video)}
        // The title is the card's heading, read next: the picture adds nothing to hear.
        alt=""
        width={POSTER_WIDTH}
        height={(POSTER_WIDTH * 9) / 16}
        loading={first ? 'eager' : 'lazy'}
        fetchPriority={first ? 'high' : 'auto'}
        decoding="async"
        className="aspect-video w-full bg-stone-200 object-cover"
      />
      <div className="p-4">
        <Heading className="text-lg font-semibold leading-snug">
          <Link href={videoPath(video.id)} lang={video.language} prefetch={false}>
            {video.title}
          </Link>
        </Heading>
        <p className="mt-1 text-sm text-stone-700">
          <Link href={municipalityPath(video.municipality)} lang="it" prefetch={false}>
            {video.municipality.name}
          </Link>{' '}
          · <time dateTime={video.publishedAt.toISOString()}>{formatDate(locale, video.publishedAt)}</time>
          {video.durationSeconds ? <> · {t('video.duration', { duration: formatDuration(video.durationSeconds) })}</> : null}
          {video.isDemo ? (
            <>
              {' '}
              · <DemoBadge t={t} />
            </>
          ) : null}
        </p>
        <ul className="mt-2 flex flex-wrap gap-2" aria-label={t('video.themes')}>
          {video.themes.map((theme) => (
            <li key={theme.slug}>
              <Link href={`/temi/${theme.slug}`} prefetch={false} className="rounded-full bg-primary-light px-2 py-0.5 text-sm text-primary-dark">
                {themeLabel(locale, theme)}
              </Link>
            </li>
          ))}
        </ul>
      </div>
    </article>
  );
}

export function VideoList({ videos, t, locale, headingLevel }: { videos: VideoSummary[]; t: Translate; locale: Locale; headingLevel?: 2 | 3 }) {
  return (
    <ul className="grid gap-4 sm:grid-cols-2">
      {videos.map((video, index) => (
        <li key={video.id}>
          <VideoCard video={video} t={t} locale={locale} headingLevel={headingLevel} first={index === 0} />
        </li>
      ))}
    </ul>
  );
}
