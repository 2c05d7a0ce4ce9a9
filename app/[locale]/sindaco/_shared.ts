import { config } from '@/lib/config';
import { db } from '@/lib/db/client';
import { dictionary, themeLabel, type Locale } from '@/lib/i18n';
import { uploadSettings } from '@/lib/uploads/settings';

/* What both message form pages pass to the form: themes, labels and upload limits. */
export async function formContext(locale: Locale, keepThemeIds: number[] = []) {
  const themes = await db().theme.findMany({ where: { OR: [{ active: true }, { id: { in: keepThemeIds } }] }, orderBy: { position: 'asc' } });
  const settings = uploadSettings(config().dataDir);
  const messages = dictionary(locale);
  return {
    themes: themes.map((theme) => ({ id: theme.id, label: themeLabel(locale, theme) })),
    labels: { form: messages.form, upload: messages.upload },
    limits: {
      chunkBytes: settings.chunkBytes,
      maxBytes: settings.limits.maxBytes,
      minSeconds: settings.limits.minSeconds,
      maxSeconds: settings.limits.maxSeconds,
      maxFrameSide: settings.limits.maxFrameSide,
    },
  };
}
