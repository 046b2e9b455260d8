import type { ProjectedEvent } from '../../projections/projection';
import { upcastersGeneration } from '../domain/upcasters';
import { decodeEvent } from '../log-reading/decode-event';
import type { StoredEvent } from '../event-store/event-store.port';

/**
 * Each stored event decoded once for every runner that applies it: the runners read the same
 * event objects through the store's shared pages, and projections only read what they are given.
 * An entry made before the upcasters changed (a test registering one) is decoded again.
 */
const decoded = new WeakMap<StoredEvent, { generation: number; projected: ProjectedEvent }>();

export function toProjectedEvent(stored: StoredEvent): ProjectedEvent {
  const generation = upcastersGeneration();
  const cached = decoded.get(stored);
  if (cached !== undefined && cached.generation === generation) return cached.projected;
  const projected: ProjectedEvent = {
    position: stored.position,
    streamId: stored.streamId,
    revision: stored.revision,
    recordedAt: stored.metadata.recordedAt,
    actorUserId: stored.metadata.actor.userId,
    event: decodeEvent(stored),
  };
  decoded.set(stored, { generation, projected });
  return projected;
}
