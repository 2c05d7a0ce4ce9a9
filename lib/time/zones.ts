/*
 * Italian civil time. Days (election periods, service notes) are whole days in
 * Europe/Rome; times typed by staff (a banner's expiry) are Rome wall-clock
 * times, whatever the server's own time zone.
 */

const ZONE = 'Europe/Rome';

/** The calendar day in a time zone, as midnight UTC of that day (how DATE columns come back). */
export function dayIn(zone: string, at: Date): Date {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
  return new Date(`${day}T00:00:00.000Z`);
}

/** Today's date in Italy. */
export function italianDate(now: Date): Date {
  return dayIn(ZONE, now);
}

/** Minutes a time zone is ahead of UTC at that instant (Rome: 60 in winter, 120 in summer). */
function offsetMinutes(zone: string, at: Date): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
      .formatToParts(at)
      .map((p) => [p.type, Number(p.value)]),
  );
  const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return Math.round((wall - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

/** The instant a wall-clock time (as UTC fields) happens in a zone. */
function wallToInstant(zone: string, wall: number): Date {
  // The offset at the guessed instant is right except within an hour of a DST change; one more step settles it.
  let at = wall - offsetMinutes(zone, new Date(wall)) * 60_000;
  at = wall - offsetMinutes(zone, new Date(at)) * 60_000;
  return new Date(at);
}

/** The next midnight in a zone after `at` (e.g. when YouTube's quota resets, Pacific time). */
export function nextMidnightIn(zone: string, at: Date): Date {
  return wallToInstant(zone, dayIn(zone, at).getTime() + 86_400_000);
}

const romeOffsetMinutes = (at: Date) => offsetMinutes(ZONE, at);

/** "2026-11-25T18:30" read as Rome wall-clock time; null when it is not such a string. */
export function fromRomeLocal(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) return null;
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  if (Number.isNaN(wall)) return null;
  return wallToInstant(ZONE, wall);
}

/** The Rome wall-clock form of an instant, for a datetime-local field. */
export function toRomeLocal(at: Date): string {
  return new Date(at.getTime() + romeOffsetMinutes(at) * 60_000).toISOString().slice(0, 16);
}

/** "2026-11-25" as a DATE value; null when it is not a real calendar day. */
export function parseDay(value: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const day = new Date(`${value}T00:00:00.000Z`);
  return Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== value ? null : day;
}

/** The instant a Rome day (a DATE value), shifted by whole days, reaches an hour of its wall clock: reminders "3 days before at 9". */
export function romeDayAt(day: Date, addDays: number, hour: number): Date {
  return wallToInstant(ZONE, day.getTime() + addDays * 86_400_000 + hour * 3_600_000);
}

/** The weekday (1 Monday … 7 Sunday) and hour of an instant on Rome's wall clock. */
export function romeWeekdayHour(at: Date): { weekday: number; hour: number } {
  const wall = new Date(at.getTime() + romeOffsetMinutes(at) * 60_000);
  return { weekday: wall.getUTCDay() || 7, hour: wall.getUTCHours() };
}
