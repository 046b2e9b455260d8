import { EVENT_GROUPS, isOneOf, MOVEMENT_EVENTS } from '../../projections/event-groups';
import { EVENT_SCHEMA_VERSIONS, type LedgerEvent } from '../../src/domain/ledger-events';

describe('event groups', () => {
  it('hold every event type of the ledger, each in exactly one group', () => {
    const grouped: string[] = EVENT_GROUPS.flat();
    expect([...grouped].sort()).toEqual(Object.keys(EVENT_SCHEMA_VERSIONS).sort());
    expect(new Set(grouped).size).toBe(grouped.length);
  });

  it('tell an event of a group from one outside it', () => {
    expect(isOneOf({ type: 'FxSettled' } as LedgerEvent, MOVEMENT_EVENTS)).toBe(true);
    expect(isOneOf({ type: 'DonationRecorded' } as LedgerEvent, MOVEMENT_EVENTS)).toBe(false);
  });
});
