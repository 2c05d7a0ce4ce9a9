/** The width of a video's poster frame (made at inspection), which cards size their picture by. No server code: components read it. */
export const POSTER_WIDTH = 480;
