import { config } from '@/lib/config';
import { db } from '@/lib/db/client';
import { messagesFor, themeLabel, type Locale } from '@/lib/i18n';
import { uploadSettings } from '@/lib/uploads/settings';

/* What both message form pages pass to the form: themes, the form's strings and upload limits. */
export async function formContext(locale: Locale, keepThemeIds: number[] = []) {
  const themes = await db().theme.findMany({ where: { OR: [{ active: true }, { id: { in: keepThemeIds } }] }, orderBy: { position: 'asc' } });
  const settings = uploadSettings(config().dataDir);
  return {
    themes: themes.map((theme) => ({ id: theme.id, label: themeLabel(locale, theme) })),
    messages: messagesFor(locale, ['form', 'upload']),
    limits: {
      chunkBytes: settings.chunkBytes,
      maxBytes: settings.limits.maxBytes,
      minSeconds: settings.limits.minSeconds,
      maxSeconds: settings.limits.maxSeconds,
      maxFrameSide: settings.limits.maxFrameSide,
    },
  };
}
