import type { MetadataRoute } from 'next';
import { listThemes, municipalitiesWithCounts, publishedVideoIndex } from '@/lib/catalog';
import { municipalityPath, themePath, videoPath } from '@/lib/catalog/paths';
import { config } from '@/lib/config';
import { db } from '@/lib/db/client';

export const dynamic = 'force-dynamic';

export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const { publicUrl, areaCode } = config();
  const [municipalities, themes, videos] = await Promise.all([municipalitiesWithCounts(db(), areaCode), listThemes(db()), publishedVideoIndex(db())]);
  return [
    { url: `${publicUrl}/`, changeFrequency: 'hourly' },
    ...municipalities.map((m) => ({ url: `${publicUrl}${municipalityPath(m)}` })),
    ...themes.map((t) => ({ url: `${publicUrl}${themePath(t.slug)}` })),
    ...videos.map((v) => ({ url: `${publicUrl}${videoPath(v.id)}`, lastModified: v.updatedAt })),
  ];
}
