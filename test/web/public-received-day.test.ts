import { receivedShown } from '../../web/src/format';

/**
 * The public list's "Ngày nhận": a statement that prints the day alone books the gift at midnight,
 * Vietnam time, which is no time the bank printed; any other instant keeps its time of day.
 */
describe('when a gift was received, as the public list shows it', () => {
  it('a day from a statement without times is shown as the day alone', () => {
    expect(receivedShown('2026-11-05T00:00:00+07:00')).toBe('05/11/2026');
    expect(receivedShown('2026-11-04T17:00:00.000Z')).toBe('05/11/2026');
  });

  it('an instant with a time of day keeps it, in Vietnam time', () => {
    expect(receivedShown('2026-11-05T00:00:01+07:00')).toBe('05/11/2026 00:00');
    expect(receivedShown('2026-11-05T10:12:00+07:00')).toBe('05/11/2026 10:12');
    expect(receivedShown('2026-11-05T00:00:00Z')).toBe('05/11/2026 07:00');
  });
});
