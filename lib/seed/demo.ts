import pMap from 'p-map';
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Upload } from '@tus/server';
import type { Db } from '@/lib/db/client';
import { applyEditorialEvent } from '@/lib/editorial/apply';
import { parseCaptions } from '@/lib/messages/captions';
import { checkMedia } from '@/lib/uploads/media-check';
import type { MediaStore } from '@/lib/uploads/media-store';
import type { MediaLimits } from '@/lib/uploads/probe';
import { DEMO_USERS } from './demo-accounts';
import { clipCaptions, hasFfmpeg, renderClip, sentencesOf, type DemoClip } from './demo-video';

/*
 * Demo messages, so that a newcomer sees a living portal. They are flagged
 * isDemo and every page labels them as demonstrations: no real mayor said them.
 * Each has captions (the transcript citizens read and search) and, where
 * ffmpeg is installed, a short video that goes the way a mayor's upload goes:
 * into the media store through the tus datastore, inspected (ffprobe, poster),
 * and on publication to the local YouTube stand-in by the worker (demo rows
 * never go to a real channel: lib/youtube/sync-apply.ts).
 */

interface DemoTemplate {
  title: (comune: string) => string;
  description: (comune: string) => string;
  /** What the mayor says in the video: its captions. */
  transcript: (comune: string) => string;
  themes: string[];
}

const TEMPLATES: DemoTemplate[] = [
  {
    title: (c) => `${c}: la spesa a domicilio per chi non può uscire`,
    description: (c) =>
      `Il Comune di ${c} consegna gratuitamente la spesa e i farmaci alle persone anziane, sole o in quarantena. Basta una telefonata all'ufficio servizi sociali, dal lunedì al sabato.`,
    transcript: (c) =>
      `Care concittadine e cari concittadini di ${c}, nessuno deve restare solo. Se non potete uscire, chiamate il Comune: i nostri volontari vi porteranno la spesa e le medicine.`,
    themes: ['consegna-gratuita-spesa-e-mascherine', 'aiuto-a-chi-e-in-difficolta'],
  },
  {
    title: (c) => `Mascherine gratuite per ogni famiglia di ${c}`,
    description: (c) =>
      `Da questa settimana la Protezione civile distribuisce a ${c} due mascherine per ogni componente della famiglia, porta a porta. Ecco perché è importante indossarle bene.`,
    transcript: () => `Abbiamo ricevuto le mascherine e le porteremo casa per casa. Vi spiego perché servono e come indossarle: devono coprire naso e bocca.`,
    themes: ['consegna-gratuita-spesa-e-mascherine'],
  },
  {
    title: (c) => `Il sindaco di ${c} ringrazia i volontari`,
    description: (c) =>
      `Un grazie alle associazioni, alla Croce Rossa e ai tanti giovani di ${c} che in queste settimane hanno dato il loro tempo. Chi vuole unirsi trova qui come fare.`,
    transcript: () =>
      `Voglio ringraziare chi in queste settimane non si è mai fermato. Il volontariato è la forza delle nostre comunità. Chi vuole dare una mano può scrivere al Comune.`,
    themes: ['volontariato', 'solidarieta'],
  },
  {
    title: (c) => `Uno sportello di ascolto psicologico a ${c}`,
    description: () =>
      `Ansia, solitudine, lutto: parlarne aiuta. Il servizio di supporto psicologico è gratuito e anonimo, al telefono o in videochiamata, anche il sabato.`,
    transcript: () => `Non vergognatevi di chiedere aiuto. Abbiamo attivato uno sportello di ascolto con psicologhe e psicologi: è gratuito e riservato.`,
    themes: ['supporto-psicologico', 'aiuto-a-chi-e-in-difficolta'],
  },
  {
    title: (c) => `Ragazze e ragazzi di ${c}: la biblioteca riapre per voi`,
    description: (c) =>
      `Spazi per studiare e incontrarsi in sicurezza: la biblioteca civica di ${c} riapre su prenotazione per i giovani dai 14 ai 25 anni, con connessione gratuita.`,
    transcript: () =>
      `Sappiamo che per voi giovani questi mesi sono stati difficili. Da lunedì la biblioteca vi aspetta, su prenotazione, per studiare insieme.`,
    themes: ['spazi-per-i-giovani'],
  },
  {
    title: (c) => `Buoni spesa: come chiederli a ${c}`,
    description: (c) =>
      `Le famiglie di ${c} in difficoltà economica possono chiedere i buoni spesa comunali entro la fine del mese. Servono un documento e l'autocertificazione.`,
    transcript: () =>
      `Se la crisi ha colpito il vostro lavoro, il Comune c'è. Potete chiedere i buoni spesa compilando un modulo semplice, anche per telefono.`,
    themes: ['aiuto-a-chi-e-in-difficolta', 'solidarieta'],
  },
  {
    title: (c) => `${c} resta unita: un messaggio di solidarietà`,
    description: (c) =>
      `Un messaggio alla comunità di ${c}: distanti ma uniti. Le informazioni ufficiali arrivano dal Comune, diffidate delle notizie false sui social.`,
    transcript: () => `Siamo distanti ma non siamo soli. Vi chiedo di informarvi solo dalle fonti ufficiali e di aiutare i vicini di casa più fragili.`,
    themes: ['solidarieta'],
  },
];

/** Comuni that speak in the demo: cities, valleys and the smallest mountain villages. */
const DEMO_COMUNI = [
  '001272',
  '001156',
  '001090',
  '001219',
  '001164',
  '001265',
  '001078',
  '001191',
  '001292',
  '001059',
  '001082',
  '001125',
  '001171',
  '001157',
  '001259',
  '001313',
  '001022',
  '001263',
  '001073',
  '001281',
  '001201',
  '001019',
  '001270',
  '001128',
  '001098',
  '001013',
  '001120',
  '001214',
];

/** Where the demo's videos go, and the limits the inspection applies to them as to any upload. */
export interface DemoMedia {
  store: MediaStore;
  limits: MediaLimits;
}

/** Who "uploaded" the demo videos: an account that cannot sign in (disabled), named as what it is. */
async function demoUploader(db: Db): Promise<string> {
  const user = await db.user.upsert({
    where: { email: DEMO_USERS.uploader },
    create: { email: DEMO_USERS.uploader, name: 'Video dimostrativi (seed)', role: 'MODERATOR', disabledAt: new Date() },
    update: {},
    select: { id: true },
  });
  return user.id;
}

/**
 * Renders the clip and takes it in as an upload: the media file's id once
 * inspected and READY, or null. A clip ffmpeg cannot make (no libx264 in this
 * build, say) leaves its message without a video rather than stopping the start.
 */
async function uploadClip(db: Db, media: DemoMedia, uploaderId: string, dir: string, istat: string, clip: DemoClip): Promise<string | null> {
  const id = randomBytes(16).toString('hex');
  const file = await renderClip(dir, id, clip).catch((error: unknown) => {
    console.warn(`demo video for ${clip.comune} not made: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  });
  if (!file) return null;
  const size = (await stat(file)).size;
  await db.mediaFile.create({ data: { id, uploaderId, municipalityIstat: istat, originalName: 'messaggio-dimostrativo.mp4', sizeBytes: BigInt(size) } });
  await media.store.datastore.create(new Upload({ id, size, offset: 0, metadata: { filename: 'messaggio-dimostrativo.mp4' } }));
  await media.store.datastore.write(createReadStream(file), id, 0);
  await db.mediaFile.update({ where: { id }, data: { status: 'CHECKING' } });
  await checkMedia(db, media.store, { limits: media.limits }, id);
  const checked = await db.mediaFile.findUnique({ where: { id }, select: { status: true } });
  return checked?.status === 'READY' ? id : null;
}

export async function seedDemoContent(db: Db, options: { media?: DemoMedia | null; now?: Date } = {}): Promise<number> {
  if ((await db.video.count()) > 0) return 0;
  const now = options.now ?? new Date();
  const themes = new Map((await db.theme.findMany({ select: { id: true, slug: true } })).map((t) => [t.slug, t.id]));
  const comuni = await db.municipality.findMany({ where: { istatCode: { in: DEMO_COMUNI } }, select: { istatCode: true, name: true } });
  const plans = comuni.flatMap((comune, i) =>
    Array.from({ length: i % 3 === 0 ? 2 : 1 }, (_, k) => {
      const template = TEMPLATES[(i + k * 3) % TEMPLATES.length]!;
      const title = template.title(comune.name).slice(0, 100);
      return {
        comune,
        template,
        clip: { comune: comune.name, title, sentences: sentencesOf(template.transcript(comune.name)) } satisfies DemoClip,
        publishedAt: new Date(now.getTime() - (i * 2 + k * 5 + 1) * 36e5 * 9),
      };
    }),
  );
  const media = options.media && (await hasFfmpeg()) ? options.media : null;
  const dir = media ? await mkdtemp(path.join(os.tmpdir(), 'vc-demo-')) : null;
  try {
    const uploaderId = media ? await demoUploader(db) : null;
    // Two clips at a time: ffmpeg on both cores, not forty at once.
    const mediaIds = await pMap(
      plans,
      (plan) => (media && dir && uploaderId ? uploadClip(db, media, uploaderId, dir, plan.comune.istatCode, plan.clip) : Promise.resolve(null)),
      { concurrency: 2 },
    );
    for (const [index, plan] of plans.entries()) {
      const captions = parseCaptions(clipCaptions(plan.clip));
      const video = await db.video.create({
        data: {
          municipalityIstat: plan.comune.istatCode,
          title: plan.clip.title,
          description: plan.template.description(plan.comune.name),
          captions: captions.ok ? captions.vtt : null,
          language: 'it',
          isDemo: true,
          mediaId: mediaIds[index],
          consentGiven: true,
          themes: { create: plan.template.themes.filter((s) => themes.has(s)).map((s) => ({ themeId: themes.get(s)! })) },
        },
      });
      for (const event of ['submit', 'approve', 'publish'] as const) {
        await applyEditorialEvent(db, { videoId: video.id, event, at: plan.publishedAt });
      }
    }
  } finally {
    if (dir) await rm(dir, { recursive: true, force: true });
  }
  return plans.length;
}

/** Invited demo accounts: the mayor of the area's most populous comune (Torino for Turin), a moderator and an administrator. */
export async function seedDemoUsers(db: Db, areaCode: string): Promise<void> {
  const capital = await db.municipality.findFirst({
    where: { areaCode },
    orderBy: [{ population: { sort: 'desc', nulls: 'last' } }],
    select: { istatCode: true, name: true },
  });
  if (!capital) return;
  const users = [
    { email: DEMO_USERS.mayor, name: `Sindaco dimostrativo di ${capital.name}`, role: 'MAYOR' as const, municipalityIstat: capital.istatCode },
    { email: DEMO_USERS.moderator, name: 'Moderatrice dimostrativa', role: 'MODERATOR' as const, municipalityIstat: null },
    { email: DEMO_USERS.admin, name: 'Amministratore dimostrativo', role: 'ADMIN' as const, municipalityIstat: null },
  ];
  for (const user of users) await db.user.upsert({ where: { email: user.email }, create: user, update: {} });
}
