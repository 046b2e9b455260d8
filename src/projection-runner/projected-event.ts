import type { ProjectedEvent } from '../../projections/projection';
import { decodeEvent } from '../log-reading/decode-event';
import type { StoredEvent } from '../event-store/event-store.port';

export function toProjectedEvent(stored: StoredEvent): ProjectedEvent {
  return {
    position: stored.position,
    streamId: stored.streamId,
    revision: stored.revision,
    recordedAt: stored.metadata.recordedAt,
    actorUserId: stored.metadata.actor.userId,
    event: decodeEvent(stored),
  };
}
