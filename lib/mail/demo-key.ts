/* Where the demo inbox is and the key it wants, for the launcher, the language proxy and the page (nothing heavier imported). */

/** The page that shows the caught mail (only in demo mode, only to this machine, only with its key). */
export const DEMO_INBOX_PATH = '/posta-demo';
/** The query parameter and cookie that carry the inbox's key (printed by the run command, kept in `.data/demo-key`). */
export const DEMO_KEY_PARAM = 'chiave';
export const DEMO_KEY_COOKIE = 'vc_demo_inbox';
