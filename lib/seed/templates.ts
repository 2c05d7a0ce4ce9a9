/** The reasons moderators start with (staff edit them at /staff/modelli); written once, when there are none. */
export const SEED_TEMPLATES = [
  {
    kind: 'requestChanges',
    title: 'Audio poco comprensibile',
    text: 'Il messaggio è importante ma l’audio si sente poco: potete registrarlo di nuovo in un luogo più silenzioso, con il telefono più vicino?',
  },
  {
    kind: 'requestChanges',
    title: 'Manca un recapito',
    text: 'Aggiungete nella descrizione un numero di telefono o un indirizzo a cui i cittadini possono rivolgersi.',
  },
  {
    kind: 'reject',
    title: 'Propaganda elettorale',
    text: 'Il messaggio contiene contenuti di propaganda politica o elettorale, che il portale non può pubblicare (par condicio, legge 28/2000).',
  },
  {
    kind: 'reject',
    title: 'Fuori dallo scopo del portale',
    text: 'Il portale pubblica messaggi di servizio e di vicinanza ai cittadini; questo contenuto non rientra nello scopo.',
  },
] as const;
