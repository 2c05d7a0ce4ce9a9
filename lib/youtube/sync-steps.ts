import type { Db } from '../db/client';
import { config } from '../config';
import { videoPath } from '../catalog/paths';
import { mediaStore } from '../uploads/media-store';
import type { UploadSettings } from '../uploads/settings';
import { YoutubeError, type YoutubeApi } from './api';
import { youtubeMetadata, syncMarker } from './metadata';
import { applySyncEvent } from './sync-apply';

/*
 * The work of one sync job: look at the message's sync state and do what that
 * state needs, step after step, until it reaches a state with nothing to do or
 * has to wait. Every step can be cut at any moment and run again: the upload
 * session is stored before the first byte and asked before any new one, each
 * caption and playlist entry is recorded once done.
 */

export interface SyncSettings {
  dataDir: string;
  /** Where the videos are (the data folder or the bucket). */
  uploads: UploadSettings;
  publicUrl: string;
  chunkBytes: number;
  pollMs: number;
}

export type StepOutcome = { kind: 'done' } | { kind: 'wait'; at: Date; waitingFor: string };

const CONTENT_TYPES: Record<string, string> = { mp4: 'video/mp4', webm: 'video/webm' };

async function messageOf(db: Db, videoId: string) {
  return db.video.findUniqueOrThrow({
    where: { id: videoId },
    select: {
      id: true,
      title: true,
      description: true,
      language: true,
      captions: true,
      madeForKids: true,
      municipality: { select: { name: true } },
      themes: { select: { theme: { select: { slug: true, labelIt: true } } }, orderBy: { theme: { position: 'asc' } } },
      media: { select: { id: true, container: true } },
      sync: true,
    },
  });
}

type Message = Awaited<ReturnType<typeof messageOf>>;

function metadataOf(message: Message, settings: SyncSettings, privacy?: 'public' | 'private') {
  return youtubeMetadata(
    {
      id: message.id,
      title: message.title,
      description: message.description,
      language: message.language,
      municipality: message.municipality.name,
      themes: message.themes.map((t) => t.theme.labelIt),
      madeForKids: message.madeForKids,
    },
    `${settings.publicUrl}${videoPath(message.id)}`,
    privacy,
  );
}

async function ensurePlaylist(db: Db, api: YoutubeApi, key: string, title: string): Promise<string> {
  const known = await db.youtubePlaylist.findUnique({ where: { key } });
  if (known) return known.playlistId;
  const playlistId = await api.createPlaylist(title, `VociComuni — ${title}`);
  await db.youtubePlaylist.create({ data: { key, playlistId } });
  return playlistId;
}

export async function runSyncStep(
  db: Db,
  api: YoutubeApi,
  uploadsPlaylist: string | null,
  videoId: string,
  settings: SyncSettings,
  onProgress: (bytes: number) => Promise<void> = async () => {},
): Promise<StepOutcome> {
  for (;;) {
    const message = await messageOf(db, videoId);
    const sync = message.sync;
    if (!sync) return { kind: 'done' };
    switch (sync.state) {
      case 'QUEUED': {
        if (!message.media) throw new YoutubeError('permanent', 'noFile', 'the message has no video file');
        const size = await (await mediaStore(settings.uploads)).size(message.media.id);
        if (size === null) throw new YoutubeError('permanent', 'fileMissing', 'the video file is missing from storage');
        const session = await api.startUpload(metadataOf(message, settings), size, CONTENT_TYPES[message.media.container ?? ''] ?? 'video/*');
        await db.$transaction((tx) =>
          applySyncEvent(tx, videoId, 'sessionOpened', { patch: { uploadSession: session, bytesTotal: BigInt(size), bytesConfirmed: 0n } }),
        );
        break;
      }
      case 'UPLOADING': {
        const store = await mediaStore(settings.uploads);
        const mediaId = message.media!.id;
        const size = Number(sync.bytesTotal);
        let youtubeId: string;
        try {
          const status = await api.uploadStatus(sync.uploadSession!, size);
          youtubeId =
            'videoId' in status
              ? status.videoId
              : await api.uploadFrom(
                  sync.uploadSession!,
                  (start, end) => store.read(mediaId, start, end),
                  status.received,
                  size,
                  settings.chunkBytes,
                  async (received) => {
                    await db.youtubeSync.update({ where: { videoId }, data: { bytesConfirmed: BigInt(received) } });
                    await onProgress(received);
                  },
                );
        } catch (error) {
          if (!(error instanceof YoutubeError && error.kind === 'notFound')) throw error;
          // The session expired. The video may exist all the same (completed just before): look for its marker first.
          const found = uploadsPlaylist ? await api.findUpload(uploadsPlaylist, syncMarker(videoId)) : null;
          if (!found) {
            await db.$transaction((tx) =>
              applySyncEvent(tx, videoId, 'sessionLost', { patch: { uploadSession: null, bytesConfirmed: 0n }, detail: error.message }),
            );
            break;
          }
          youtubeId = found;
        }
        await db.$transaction((tx) => applySyncEvent(tx, videoId, 'uploaded', { patch: { youtubeVideoId: youtubeId, bytesConfirmed: BigInt(size) } }));
        break;
      }
      case 'ATTACHING': {
        const youtubeId = sync.youtubeVideoId!;
        if (message.captions && !sync.captionsDone) {
          await api.uploadCaptions(youtubeId, message.language, 'Sottotitoli del comune', message.captions);
          await db.youtubeSync.update({ where: { videoId }, data: { captionsDone: true } });
        }
        const wanted = [
          { key: 'main', title: 'VociComuni — tutti i messaggi' },
          ...message.themes.map((t) => ({ key: `tema:${t.theme.slug}`, title: `VociComuni — ${t.theme.labelIt}` })),
        ];
        for (const playlist of wanted) {
          if (await db.youtubePlaylistItem.findUnique({ where: { videoId_playlistKey: { videoId, playlistKey: playlist.key } } })) continue;
          const playlistId = await ensurePlaylist(db, api, playlist.key, playlist.title);
          // Ask first: an earlier attempt may have added it before stopping.
          const itemId = (await api.findPlaylistItem(playlistId, youtubeId)) ?? (await api.addToPlaylist(playlistId, youtubeId));
          await db.youtubePlaylistItem.create({ data: { videoId, playlistKey: playlist.key, itemId } });
        }
        await db.$transaction((tx) => applySyncEvent(tx, videoId, 'attached'));
        break;
      }
      case 'PROCESSING': {
        const [remote] = await api.videos([sync.youtubeVideoId!]);
        if (!remote) {
          await db.$transaction((tx) => applySyncEvent(tx, videoId, 'vanish', { detail: 'video not found on YouTube' }));
          return { kind: 'done' };
        }
        if (remote.uploadStatus === 'failed' || remote.uploadStatus === 'rejected' || remote.processingStatus === 'failed') {
          throw new YoutubeError(
            'permanent',
            remote.failureReason ?? 'processingFailed',
            `YouTube could not process the video (${remote.failureReason ?? remote.uploadStatus})`,
          );
        }
        if (remote.uploadStatus !== 'processed') return { kind: 'wait', at: new Date(Date.now() + settings.pollMs), waitingFor: 'processing' };
        await db.$transaction(async (tx) => {
          await applySyncEvent(tx, videoId, 'processed');
          // From now on citizens watch the YouTube copy.
          await tx.video.update({ where: { id: videoId }, data: { youtubeVideoId: sync.youtubeVideoId } });
          if (sync.metadataDirty) await applySyncEvent(tx, videoId, 'edit');
        });
        break;
      }
      case 'UPDATING': {
        await api.updateVideo(sync.youtubeVideoId!, metadataOf(message, settings));
        await db.$transaction((tx) => applySyncEvent(tx, videoId, 'updated', { patch: { metadataDirty: false } }));
        break;
      }
      case 'UNPUBLISHING': {
        let youtubeId = sync.youtubeVideoId;
        if (!youtubeId && sync.uploadSession && sync.bytesTotal !== null) {
          // Withdrawn mid-upload: the last chunk may have landed before a crash, leaving a video we never recorded.
          try {
            const status = await api.uploadStatus(sync.uploadSession, Number(sync.bytesTotal));
            if ('videoId' in status) youtubeId = status.videoId;
          } catch (error) {
            if (!(error instanceof YoutubeError && error.kind === 'notFound')) throw error;
          }
        }
        if (youtubeId) {
          try {
            await api.updateVideo(youtubeId, metadataOf(message, settings, 'private'));
          } catch (error) {
            // Deleted by hand already: nothing left to hide.
            if (!(error instanceof YoutubeError && error.kind === 'notFound')) throw error;
          }
          for (const item of await db.youtubePlaylistItem.findMany({ where: { videoId } })) {
            await api.removeFromPlaylist(item.itemId);
            await db.youtubePlaylistItem.delete({ where: { videoId_playlistKey: { videoId, playlistKey: item.playlistKey } } });
          }
        }
        await db.$transaction((tx) => applySyncEvent(tx, videoId, 'unpublished', { patch: { uploadSession: null, youtubeVideoId: youtubeId } }));
        return { kind: 'done' };
      }
      default:
        return { kind: 'done' };
    }
  }
}

export function syncSettings(uploads: UploadSettings): SyncSettings {
  const { dataDir, publicUrl, youtube } = config();
  return { dataDir, uploads, publicUrl, chunkBytes: youtube.chunkBytes, pollMs: youtube.pollMs };
}
