/**
 * The event the layout's HydrationSignal dispatches on window once React has
 * hydrated a page; the loader of scripts-on-interaction.ts waits for it. Shared
 * by both sides, and nothing else here: the client bundle imports it.
 */
export const HYDRATED_EVENT = 'vc:hydrated';
