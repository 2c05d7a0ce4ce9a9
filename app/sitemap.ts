import type { MetadataRoute } from 'next';
import { listThemes, municipalitiesWithCounts, publishedVideoIndex } from '@/lib/catalog';
import { collectionPath, municipalityPath, themePath, videoPath } from '@/lib/catalog/paths';
import { publicCollectionIds } from '@/lib/calls/collection';
import { config } from '@/lib/config';
import { db } from '@/lib/db/client';

export const dynamic = 'force-dynamic';

export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const { publicUrl, areaCode } = config();
  const [municipalities, themes, videos, collections] = await Promise.all([
    municipalitiesWithCounts(db(), areaCode),
    listThemes(db()),
    publishedVideoIndex(db()),
    publicCollectionIds(db()),
  ]);
  return [
    { url: `${publicUrl}/`, changeFrequency: 'hourly' },
    ...municipalities.map((m) => ({ url: `${publicUrl}${municipalityPath(m)}` })),
    ...themes.map((t) => ({ url: `${publicUrl}${themePath(t.slug)}` })),
    ...collections.map((id) => ({ url: `${publicUrl}${collectionPath(id)}` })),
    ...videos.map((v) => ({ url: `${publicUrl}${videoPath(v.id)}`, lastModified: v.updatedAt })),
  ];
}
