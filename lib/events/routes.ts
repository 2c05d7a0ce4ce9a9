/*
 * Who hears which domain event. This table is the only place that knows both
 * sides: the domain records events without knowing their consumers, and a new
 * consumer is a line here and a handler in lib/worker/subscribers.ts (the
 * compiler refuses a subscriber without one).
 *
 * Two ways of hearing: a `job` subscriber gets one job per event in the queue
 * (added in the transaction that records the event, retried on its own); every
 * web process hears the public events through NOTIFY on commit and drops the
 * pages they make stale (lib/events/listen.ts).
 */

/** Every type of domain event, and whether it changes what citizens see (then every web process drops its cached pages). */
const EVENTS = {
  'message.submitted': { public: false },
  'message.approved': { public: false },
  'message.changesRequested': { public: false },
  'message.rejected': { public: false },
  'message.published': { public: true },
  'message.withdrawn': { public: true },
  'message.edited': { public: true },
  'media.inspected': { public: false },
  'theme.changed': { public: true },
  'banner.changed': { public: true },
  'note.changed': { public: true },
  'election.changed': { public: true },
  'youtube.live': { public: true },
  'youtube.statistics': { public: true },
  'accessibility.reported': { public: false },
  'call.opened': { public: false },
  'call.collection': { public: true },
} as const satisfies Record<string, { public: boolean }>;

export type EventType = keyof typeof EVENTS;

export function isPublicEvent(type: string): boolean {
  return Object.hasOwn(EVENTS, type) && EVENTS[type as EventType].public;
}

export const SUBSCRIBERS = {
  /** Mail to the comune's mayors on staff decisions, to moderators on submissions. */
  'mail-notices': ['message.submitted', 'message.approved', 'message.changesRequested', 'message.rejected', 'message.published', 'message.withdrawn'],
  /** The copy on the YouTube channel: started on publication, taken down on withdrawal, updated on staff's edits. */
  youtube: ['message.published', 'message.withdrawn', 'message.edited'],
  /** A file's light version and audio (lib/renditions): made when it is inspected, removed when its message is withdrawn. */
  renditions: ['media.inspected', 'message.withdrawn'],
  /** Citizens' e-mail alerts (lib/alerts): a publication starts the batches of mail to its subscribers; a withdrawal stops those not yet sent. */
  alerts: ['message.published', 'message.withdrawn'],
  /** Citizens' push notifications (lib/alerts/push-*.ts): the same, to the browsers that follow the message's comune or themes. */
  push: ['message.published', 'message.withdrawn'],
  /** Mail to the mayors of the comuni a call for messages asks (lib/calls). */
  'mail-calls': ['call.opened'],
  /** Mail to the accessibility contact (VC_ACCESSIBILITY_EMAIL) when a citizen reports a problem. */
  'mail-accessibility': ['accessibility.reported'],
} as const satisfies Record<string, readonly EventType[]>;

export type SubscriberName = keyof typeof SUBSCRIBERS;

export function subscribersOf(type: EventType): SubscriberName[] {
  return (Object.keys(SUBSCRIBERS) as SubscriberName[]).filter((name) => (SUBSCRIBERS[name] as readonly EventType[]).includes(type));
}
