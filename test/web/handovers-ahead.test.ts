import { handoversAhead } from '../../web/src/offline/handovers-ahead';

/**
 * The hand-over sheet between a tick and the sheet read again: a row ticked on this device shows
 * what was ticked, kept or recorded, until the sheet is read at or past the position the ledger
 * recorded it at; never its old state with its buttons, which would invite a second tick.
 */
describe('hand-overs this device holds ahead of the sheet', () => {
  const PATH = '/v1/funds/ctd/disbursements/DB-000001/handovers';
  const entry = (beneficiaryId: string, state: 'waiting' | 'sent' | 'refused', position?: number, path = PATH) => ({
    kind: 'handover' as const, state, path, body: { beneficiaryId, status: 'received' }, answer: position === undefined ? undefined : { position },
  });

  it('a hand-over waiting to be sent is kept', () => {
    expect(handoversAhead([entry('BF-000001', 'waiting')], PATH, 40)).toEqual(new Map([['BF-000001', { status: 'received', state: 'kept' }]]));
  });

  it('a hand-over the ledger recorded after the sheet\'s position is recorded, until the sheet is read at or past it', () => {
    expect(handoversAhead([entry('BF-000002', 'sent', 41)], PATH, 40)).toEqual(new Map([['BF-000002', { status: 'received', state: 'recorded' }]]));
    expect(handoversAhead([entry('BF-000002', 'sent', 41)], PATH, 41).size).toBe(0);
    expect(handoversAhead([entry('BF-000002', 'sent', 41)], PATH, undefined).get('BF-000002')?.state).toBe('recorded');
  });

  it('a refused hand-over, another sheet\'s and another kind of command are not ahead of this sheet', () => {
    const release = { ...entry('BF-000003', 'waiting'), kind: 'emergency-release' as const };
    expect(handoversAhead([entry('BF-000003', 'refused'), entry('BF-000004', 'waiting', undefined, '/v1/funds/ctd/disbursements/DB-000002/handovers'), release], PATH, 40).size).toBe(0);
  });
});
