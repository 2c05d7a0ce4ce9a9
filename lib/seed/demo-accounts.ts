/* The demo installation's accounts, by address: the seed makes them, the demo inbox and the tests name them. */
export const DEMO_USERS = {
  mayor: 'sindaco.demo@vocicomuni.test',
  moderator: 'moderatore.demo@vocicomuni.test',
  admin: 'admin.demo@vocicomuni.test',
  /** The disabled account the demo videos are uploaded as. */
  uploader: 'video.demo@vocicomuni.test',
} as const;
