import type { Prisma } from '../generated/prisma/client';
import type { Tx } from '../db/client';
import { enqueueMany } from '../jobs/queue';
import { subscribersOf, type EventType } from './routes';

export interface DomainEventInput {
  type: EventType;
  /** The message, file, theme… the event is about. */
  aggregateId: string;
  municipalityIstat?: string | null;
  payload?: Prisma.InputJsonObject;
}

/**
 * Records what happened, in the transaction of the change: the row, and one
 * job per subscriber that hears it. Nothing is heard of a change that is
 * rolled back; nothing is lost of one that is committed.
 */
export async function recordEvent(tx: Tx, event: DomainEventInput): Promise<bigint> {
  const row = await tx.domainEvent.create({
    data: { type: event.type, aggregateId: event.aggregateId, municipalityIstat: event.municipalityIstat ?? null, payload: event.payload ?? {} },
    select: { id: true },
  });
  const eventId = row.id.toString();
  await enqueueMany(
    tx,
    'event.deliver',
    subscribersOf(event.type).map((subscriber) => ({ subscriber, eventId })),
  );
  return row.id;
}
