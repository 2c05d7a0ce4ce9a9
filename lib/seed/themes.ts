/** The themes of the 2020 appeal to the mayors of the Metropolitan City of Turin. */
export const SEED_THEMES = [
  { slug: 'solidarieta', labelIt: 'Solidarietà', labelEn: 'Solidarity' },
  { slug: 'aiuto-a-chi-e-in-difficolta', labelIt: 'Aiuto a chi è in difficoltà', labelEn: 'Help for people in need' },
  { slug: 'consegna-gratuita-spesa-e-mascherine', labelIt: 'Consegna gratuita di spesa e mascherine', labelEn: 'Free food and mask delivery' },
  { slug: 'volontariato', labelIt: 'Volontariato', labelEn: 'Volunteering' },
  { slug: 'supporto-psicologico', labelIt: 'Supporto psicologico', labelEn: 'Psychological support' },
  { slug: 'spazi-per-i-giovani', labelIt: 'Spazi per i giovani', labelEn: 'Spaces for young people' },
] as const;
