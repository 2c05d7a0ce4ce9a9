/** Where the embedded default mounts the YouTube stand-in on the portal's own port. */
export const STANDIN_PATH = '/_youtube';
