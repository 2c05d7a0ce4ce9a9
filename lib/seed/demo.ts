import type { Db } from '@/lib/db/client';
import { applyEditorialEvent } from '@/lib/editorial/apply';

/*
 * Demo messages, so that a newcomer sees a living portal. They are flagged
 * isDemo and every page labels them as demonstrations: no real mayor said them.
 */

interface DemoTemplate {
  title: (comune: string) => string;
  description: (comune: string) => string;
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

export async function seedDemoContent(db: Db, now = new Date()): Promise<number> {
  if ((await db.video.count()) > 0) return 0;
  const themes = new Map((await db.theme.findMany({ select: { id: true, slug: true } })).map((t) => [t.slug, t.id]));
  const comuni = await db.municipality.findMany({ where: { istatCode: { in: DEMO_COMUNI } }, select: { istatCode: true, name: true } });
  let created = 0;
  for (const [i, comune] of comuni.entries()) {
    const count = i % 3 === 0 ? 2 : 1;
    for (let k = 0; k < count; k++) {
      const template = TEMPLATES[(i + k * 3) % TEMPLATES.length]!;
      const publishedAt = new Date(now.getTime() - (i * 2 + k * 5 + 1) * 36e5 * 9);
      const video = await db.video.create({
        data: {
          municipalityIstat: comune.istatCode,
          title: template.title(comune.name).slice(0, 100),
          description: template.description(comune.name),
          transcript: template.transcript(comune.name),
          language: 'it',
          isDemo: true,
          durationSeconds: 45 + ((i * 37) % 120),
          themes: { create: template.themes.filter((s) => themes.has(s)).map((s) => ({ themeId: themes.get(s)! })) },
        },
      });
      for (const event of ['submit', 'approve', 'publish'] as const) {
        await applyEditorialEvent(db, { videoId: video.id, event, at: publishedAt });
      }
      created++;
    }
  }
  return created;
}

export const DEMO_USERS = {
  mayor: 'sindaco.demo@vocicomuni.test',
  moderator: 'moderatore.demo@vocicomuni.test',
  admin: 'admin.demo@vocicomuni.test',
} as const;

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
