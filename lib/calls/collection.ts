import { CALL_ID } from '../catalog/paths';
import { publiclyVisible } from '../catalog/visibility';
import type { Db } from '../db/client';
import { rowId } from '../db/ids';

/*
 * A call's public collection: what citizens see of a call staff chose to make
 * public: its title, its brief, and the comuni whose answer citizens may see,
 * among all the area's (never which comuni were asked, nor who declined or has
 * not answered: that is the office's follow-up, not the public's; an
 * election-hidden comune's answer is not shown, so neither is the comune). The messages themselves are
 * read through lib/catalog (`publishedVideos` with `call`), like every other
 * list of messages.
 */

/** The collection of a call id as typed in an address, or null: not a call, or not made public. */
export async function publicCollection(db: Db, param: string) {
  // Digits only: one address per collection (no "1e1", " 10" or "010" for the 10th).
  const id = CALL_ID.test(param) ? rowId.safeParse(param) : null;
  if (!id?.success) return null;
  const call = await db.call.findFirst({ where: { id: id.data, isPublic: true }, select: { id: true, title: true, brief: true, deadline: true } });
  if (!call) return null;
  const visible = { ...(await publiclyVisible(db)), callId: call.id };
  const [answered, messages] = await Promise.all([
    db.video.findMany({ where: visible, distinct: ['municipalityIstat'], select: { municipality: { select: { istatCode: true, name: true, slug: true } } } }),
    db.video.count({ where: visible }),
  ]);
  return { ...call, messages, participants: answered.map((a) => a.municipality).sort((a, b) => a.name.localeCompare(b.name, 'it')) };
}

/** Every public collection, for the sitemap. */
export async function publicCollectionIds(db: Db): Promise<number[]> {
  return (await db.call.findMany({ where: { isPublic: true }, select: { id: true }, orderBy: { id: 'desc' } })).map((c) => c.id);
}
