/* What the portal and the YouTube stand-in agree on, without loading the stand-in itself. */

/** Where the embedded default mounts the stand-in on the portal's own port. */
export const STANDIN_PATH = '/_youtube';
/** The OAuth client the stand-in knows (it accepts no other); its secret is made per installation (VC_YOUTUBE_STANDIN_SECRET). */
export const STANDIN_CLIENT_ID = 'vocicomuni-standin.apps.local';
