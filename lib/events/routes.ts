/*
 * Who hears which domain event. This table is the only place that knows both
 * sides: the domain records events without knowing their consumers, and a new
 * consumer is a line here and a handler in lib/worker/subscribers.ts (the
 * compiler refuses a subscriber without one).
 *
 * Two ways of hearing: a `job` subscriber gets one job per event in the queue
 * (added in the transaction that records the event, retried on its own); every
 * web process hears `PUBLIC_EVENTS` through NOTIFY on commit and drops the
 * pages they make stale (lib/events/listen.ts).
 */

export const EVENT_TYPES = [
  'message.submitted',
  'message.approved',
  'message.changesRequested',
  'message.rejected',
  'message.published',
  'message.withdrawn',
  'message.edited',
  'media.inspected',
  'invitation.sent',
  'theme.changed',
  'banner.changed',
  'note.changed',
  'election.changed',
  'youtube.live',
  'youtube.statistics',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

/** Events that change what citizens see: every web process drops its cached pages when one commits. */
export const PUBLIC_EVENTS: readonly EventType[] = [
  'message.published',
  'message.withdrawn',
  'message.edited',
  'theme.changed',
  'banner.changed',
  'note.changed',
  'election.changed',
  'youtube.live',
  'youtube.statistics',
];

export function isPublicEvent(type: string): boolean {
  return (PUBLIC_EVENTS as readonly string[]).includes(type);
}

export const SUBSCRIBERS = {
  /** Mail to the comune's mayors on staff decisions, to moderators on submissions. */
  'mail-notices': ['message.submitted', 'message.approved', 'message.changesRequested', 'message.rejected', 'message.published', 'message.withdrawn'],
  /** The copy on the YouTube channel: started on publication, taken down on withdrawal, updated on staff's edits. */
  youtube: ['message.published', 'message.withdrawn', 'message.edited'],
} as const satisfies Record<string, readonly EventType[]>;

export type SubscriberName = keyof typeof SUBSCRIBERS;

export function subscribersOf(type: EventType): SubscriberName[] {
  return (Object.keys(SUBSCRIBERS) as SubscriberName[]).filter((name) => (SUBSCRIBERS[name] as readonly EventType[]).includes(type));
}
