import type { Messages } from '@/lib/i18n/messages';

// Typed keys for useTranslations and createTranslator: the Italian dictionary's shape.
declare module 'use-intl' {
  interface AppConfig {
    Locale: 'it' | 'en';
    Messages: Messages;
  }
}
