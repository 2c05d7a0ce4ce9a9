import { z } from 'zod';
import { requireCapability } from '@/lib/auth/permissions';
import { db } from '@/lib/db/client';
import { handleStaffForm, parseForm } from '@/lib/staff/form-endpoint';
import { field } from '@/lib/web/form-data';
import { disconnectChannel } from '@/lib/youtube/channel';
import { retrySyncNow, SyncTransitionError } from '@/lib/youtube/sync-apply';
import { ModerationError } from '@/lib/moderation';

/* "Retry now" on a message's sync (moderators), or disconnecting the channel (administrators). */
export async function POST(request: Request) {
  return handleStaffForm(request, 'moderate', async ({ user, data, t }) => {
    if (field(data, 'intent') === 'disconnect') {
      const admin = requireCapability(user, 'administer');
      await disconnectChannel(db(), admin.id, 'disconnected by an administrator');
      return { redirectTo: '/staff/youtube?esito=scollegato' };
    }
    const videoId = parseForm(z.uuid(), field(data, 'videoId'), t);
    try {
      await retrySyncNow(db(), user, videoId);
    } catch (error) {
      if (error instanceof SyncTransitionError) throw new ModerationError(error.code === 'not_found' ? 'notFound' : 'notAllowed');
      throw error;
    }
    return { redirectTo: '/staff/youtube?esito=riprova' };
  });
}
