/**
 * The public search checks a name's other words on the donation row (its folded published name)
 * instead of looking the word up in the token table by donation: both must find exactly the same
 * donations, for any name and any search word, diacritics, case, digits and non-Latin letters
 * included, and never an anonymous donor.
 */
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { foldName, nameTokens } from '../../projections/table-projection';
import { PUBLISHED_WORD_SQL, publishedWordPattern } from '../../src/read-side/public-queries';

const NAME_PIECES = ['Nguyễn', 'Văn', 'Thị', 'Đức', 'an', 'AN', 'Ánh', 'Công ty', 'TNHH', 'Đông Á', '3C', 'ß', 'Иван', 'İ', '  ', '-', '.', "'", '%', '_', 'van', 'vă'];
const name = fc.array(fc.constantFrom(...NAME_PIECES), { minLength: 1, maxLength: 6 }).map((pieces) => pieces.join(' '));
const word = fc.oneof(fc.constantFrom(...NAME_PIECES).map((piece) => nameTokens(piece)[0] ?? 'a'), fc.stringMatching(/^[a-z0-9]{1,4}$/));

describe('a published word checked on the donation row', () => {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE register_donations (published_name_folded TEXT)');
  const matches = db.prepare(`SELECT COUNT(*) AS n FROM register_donations d WHERE ${PUBLISHED_WORD_SQL}`).pluck();
  afterAll(() => db.close());

  it('is "some token of the published name begins with the word", as the token index\'s prefix range', () => {
    fc.assert(fc.property(name, word, (published, searched) => {
      db.exec('DELETE FROM register_donations');
      db.prepare('INSERT INTO register_donations VALUES (?)').run(foldName(published));
      const byTokens = nameTokens(published).some((token) => token.startsWith(searched));
      expect(matches.get(publishedWordPattern(searched)) === 1).toBe(byTokens);
    }), { numRuns: 2_000 });
  });

  it('never finds an anonymous donor, whose published name is not folded', () => {
    db.exec('DELETE FROM register_donations');
    db.prepare('INSERT INTO register_donations VALUES (?)').run(null);
    expect(matches.get(publishedWordPattern('le'))).toBe(0);
  });
});
