import { EVENT_SCHEMA_VERSIONS } from '../../src/domain/ledger-events';
import { ERROR_CODE_DOCS } from '../../src/http/openapi/error-codes';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The catalogue's keys in each language, read from its source (the app's module needs a browser's globals). */
function keysOf(): { vi: string[]; en: string[] } {
  const source = readFileSync(join(__dirname, '..', '..', 'web', 'src', 'i18n.ts'), 'utf8');
  const enStart = source.indexOf('\nconst en: ');
  const keys = (part: string) => [...part.matchAll(/^ {2}'([^']+)':/gm)].map((match) => match[1]);
  return { vi: keys(source.slice(0, enStart)), en: keys(source.slice(enStart)) };
}
const catalogueKeys = keysOf();

/**
 * The staff app says every refusal of the ledger and every line of the fund's recent activity in
 * words, in both languages: a code without its entry shows "try again" for a refusal that will
 * never pass, or the ledger's English event name on a Vietnamese screen.
 */
describe('staff app: the message catalogue', () => {
  it('has the same keys in Vietnamese and English', () => {
    expect(catalogueKeys.vi.length).toBeGreaterThan(500);
    expect([...catalogueKeys.en].sort()).toEqual([...catalogueKeys.vi].sort());
  });

  it('says every error code the ledger answers in Vietnamese and English', () => {
    const missing = (keys: string[]) => Object.keys(ERROR_CODE_DOCS).filter((code) => !keys.includes(`error.${code}`));
    expect({ vi: missing(catalogueKeys.vi), en: missing(catalogueKeys.en) }).toEqual({ vi: [], en: [] });
  });

  it('says every warning a statement import gives, in Vietnamese and English, not in the ledger\'s English', () => {
    const source = readFileSync(join(__dirname, '..', '..', 'src', 'import', 'statement-import.ts'), 'utf8');
    const codes = (/code: ((?:'[A-Z_]+'(?: \| )?)+);/.exec(source)?.[1] ?? '').match(/[A-Z_]+/g) ?? [];
    expect(codes).toContain('ACCOUNT_DIFFERS');
    const missing = (keys: string[]) => codes.filter((code) => !keys.includes(`import.warning.${code}`));
    expect({ vi: missing(catalogueKeys.vi), en: missing(catalogueKeys.en) }).toEqual({ vi: [], en: [] });
  });

  it('names every event type the recent activity can show, in Vietnamese and English', () => {
    const missing = (keys: string[]) => Object.keys(EVENT_SCHEMA_VERSIONS).filter((type) => !keys.includes(`event.${type}`));
    expect({ vi: missing(catalogueKeys.vi), en: missing(catalogueKeys.en) }).toEqual({ vi: [], en: [] });
  });
});
