/**
 * The ledger's one canonical JSON (src/shared/canonical-json.ts) against the `canonicalize`
 * package that computed every hash in existing logs (the hash chain, state, report and request
 * hashes): byte-identical output, the same error where the package refuses a value, and
 * NoCanonicalJsonError where the package answers undefined. If this fails, logs written before
 * would stop verifying.
 */
import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { canonicalJson, canonicalJsonSha256 } from '../../src/shared/canonical-json';
import type { EventToAppend, JsonObject, JsonValue } from '../../src/event-store/event-store.port';
import { canonicalEventJson, GENESIS_HASH, eventHash } from '../../src/event-store/hash-chain';

/**
 * The writer must match the package on any JSON, so the generated events carry metadata of any
 * shape, not only the ledger's: typed as an append for the calls, unchanged.
 */
function anyShape(event: { eventId: string; type: string; data: JsonObject; metadata: unknown }): EventToAppend {
  return event as EventToAppend;
}

/** What the package answers: its output, or the message of what it threw. No output is our error. */
function reference(value: unknown): { json: string } | { error: string } {
  try {
    const json = canonicalize(value);
    return json === undefined ? { error: 'NoCanonicalJsonError: The value has no canonical JSON form' } : { json };
  } catch (error) {
    return { error: String(error) };
  }
}

function ours(value: unknown): { json: string } | { error: string } {
  try {
    return { json: canonicalJson(value) };
  } catch (error) {
    return { error: String(error) };
  }
}

/** The streamed hash against sha256 of the package's text, or the same error. */
function referenceSha256(value: unknown): { sha256: string } | { error: string } {
  const expected = reference(value);
  return 'json' in expected ? { sha256: createHash('sha256').update(expected.json, 'utf8').digest('hex') } : expected;
}

function oursSha256(value: unknown): { sha256: string } | { error: string } {
  try {
    return { sha256: canonicalJsonSha256(value) };
  } catch (error) {
    return { error: String(error) };
  }
}

/** Strings of every kind: full Unicode (astral planes too), lone surrogates, controls, escapes. */
const anyString = fc.oneof(
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: fc.constantFrom('"', '\\', '\u0000', '\u001f', '\u007f', '\u2028', '\ud800', '\udfff', 'ệ', '😀', 'a', '\n') }),
);
/** Amounts as the ledger keeps them (decimal strings) and numbers as JSON may hold them. */
const numberLike = fc.oneof(
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  fc.constantFrom(0, -0, 1e21, 1e-7, 5e-324, Number.MAX_SAFE_INTEGER, 123456789.123),
);
/** Keys that stress the order: prefixes of each other, case, Unicode, digits, "__proto__". */
const anyKey = fc.oneof(anyString, fc.constantFrom('a', 'A', 'aa', 'a\u0000', 'a\u0000b', 'b', '10', '9', '', '__proto__', 'constructor', 'é', 'e\u0301', '😀', '\uffff'));

const { jsonLike } = fc.letrec<{ jsonLike: JsonValue }>((tie) => ({
  jsonLike: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    numberLike,
    anyString,
    fc.array(tie('jsonLike'), { maxLength: 5 }),
    fc.dictionary(anyKey, tie('jsonLike'), { maxKeys: 6 }),
  ),
}));

/** Stored events: fixed top-level shape, data and metadata of any JSON. */
const anyEvent = fc.record({
  streamId: anyString,
  revision: fc.nat(),
  event: fc.record({
    eventId: fc.uuid(),
    type: fc.constantFrom('DonationRecorded', 'FundOpened', 'DisbursementRequested', 'X'),
    data: fc.dictionary(anyKey, jsonLike, { maxKeys: 8 }),
    metadata: fc.dictionary(anyKey, jsonLike, { maxKeys: 8 }),
  }),
});

/** A statement import's event as the batch writer appends it, with its fields varied. */
const donationEvent = fc.record({
  eventId: fc.uuid(),
  type: fc.constant('DonationRecorded'),
  data: fc.record({
    donationId: fc.uuid(),
    fundId: fc.constantFrom('ctd-hn', 'ctd-vn'),
    receiptNo: fc.string(),
    amount: numberLike.map(String),
    currency: fc.constant('VND'),
    fxRate: fc.option(fc.constant('25000.5')),
    channel: fc.constant('bank_transfer'),
    receivedAt: fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
    donor: fc.record({ name: anyString, kind: fc.constantFrom('individual', 'organization', 'anonymous'), publicName: fc.option(anyString), taxCode: fc.constant(null) }),
    campaignId: fc.option(fc.constant('bao-yagi')),
    restriction: fc.option(fc.record({ purpose: anyString, beneficiary: fc.option(anyString) })),
    reference: fc.option(anyString),
    note: fc.option(anyString),
    source: fc.record({ rowId: fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 64, maxLength: 64 }), line: fc.nat(), raw: anyString, bankAccount: fc.option(fc.constant('0011001932418')) }),
  }),
  metadata: fc.record({
    actor: fc.record({ userId: fc.constant('system'), roles: fc.array(fc.constantFrom('system', 'admin'), { maxLength: 3 }) }),
    correlationId: fc.uuid(),
    causationId: anyString,
    recordedAt: fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
    schemaVersion: fc.nat(5),
    idempotencyKey: fc.option(anyString, { nil: undefined }),
  }),
});

describe('canonical JSON of the hash chain', () => {
  it('is byte-identical to the canonicalize package over random JSON values', () => {
    fc.assert(fc.property(jsonLike, (value) => {
      expect(ours(value)).toEqual(reference(value));
    }), { numRuns: 3_000 });
  });

  it('is byte-identical over random events, whatever their key order', () => {
    fc.assert(fc.property(anyEvent, ({ streamId, revision, event }) => {
      const reversed = { ...event, data: Object.fromEntries(Object.entries(event.data).reverse()) };
      const expected = canonicalize({ streamId, revision, eventId: event.eventId, type: event.type, data: event.data, metadata: event.metadata });
      expect(canonicalEventJson(streamId, revision, anyShape(event))).toBe(expected);
      expect(canonicalEventJson(streamId, revision, anyShape(reversed))).toBe(expected);
    }), { numRuns: 2_000 });
  });

  it('is byte-identical over statement donations, so imported events hash as before', () => {
    fc.assert(fc.property(donationEvent, fc.nat(), (event, revision) => {
      const streamId = 'ctd.donations.ctd-hn.2024';
      expect(canonicalEventJson(streamId, revision, event)).toBe(canonicalize({ streamId, revision, ...event }));
    }), { numRuns: 2_000 });
  });

  it('follows the package on values outside JSON: undefined, holes, toJSON, symbols, functions, NaN, bigint', () => {
    const sparse: unknown[] = [1];
    sparse[3] = 2;
    const odd: unknown[] = [
      undefined, { a: undefined, b: 1 }, { a: undefined }, [undefined, 1], sparse, [, 1], // eslint-disable-line no-sparse-arrays
      new Date(Date.UTC(2024, 4, 12)), { when: new Date(0) }, { toJSON: () => ({ z: 1, a: 2 }) }, { toJSON: () => undefined }, [{ toJSON: () => undefined }],
      { s: Symbol('s'), a: 1 }, [Symbol('s')], { f: () => 1 }, [() => 1], () => 1, Symbol('top'),
      NaN, Infinity, -Infinity, { n: NaN }, [Infinity], 10n, { big: 10n },
      Object.create(null), Object.assign(Object.create({ inherited: 1 }), { own: 2 }), new Map([['a', 1]]),
      JSON.parse('{"__proto__": {"x": 1}, "a": 1}'), { 'a\u0000b': 1, a: 2 }, { a: 1, 'a\u0000b': 2 },
      -0, [-0], 1e21, 'lone \ud800 surrogate',
    ];
    for (const value of odd) expect({ value, result: ours(value) }).toEqual({ value, result: reference(value) });
  });

  it('hashes in pieces exactly the sha256 of the package\'s text, over random JSON values', () => {
    fc.assert(fc.property(jsonLike, (value) => {
      expect(oursSha256(value)).toEqual(referenceSha256(value));
    }), { numRuns: 2_000 });
  });

  it('hashes in pieces like the package on values outside JSON, nested at every depth', () => {
    const sparse: unknown[] = [1];
    sparse[3] = 2;
    const odd: unknown[] = [undefined, () => 1, Symbol('top'), NaN, 10n, sparse, [undefined, 1], { a: undefined, b: [Symbol('s')] }, { when: new Date(0) }, { toJSON: () => ({ z: [1, { toJSON: () => 'x' }], a: 2 }) }];
    for (const value of odd) {
      for (const nested of [value, [value], { v: value }, { rows: [{ v: value }] }, { a: { b: { c: value } } }]) {
        expect({ nested, result: oursSha256(nested) }).toEqual({ nested, result: referenceSha256(nested) });
      }
    }
  });

  it('hashes a report far larger than one piece as the package\'s text', () => {
    const rows = Array.from({ length: 20_000 }, (_, index) => ({ donationId: `DN-2024-${String(index).padStart(6, '0')}`, amountVnd: String(index * 1000), donor: index % 3 === 0 ? null : 'Nguyễn Văn An' }));
    const report = { report: 'donations', columns: ['donationId', 'amountVnd', 'donor'], rows, summary: { count: rows.length } };
    expect(canonicalJsonSha256(report)).toBe(createHash('sha256').update(canonicalize(report) as string, 'utf8').digest('hex'));
  });

  it('tells apart key lists whose joined form is the same', () => {
    // Both join to "a\u0000b\u0000c": the shape cache must not serve one for the other.
    const first = { 'a\u0000b': 1, c: 2 };
    const second = { a: 1, 'b\u0000c': 2 };
    for (let round = 0; round < 3; round++) {
      expect(canonicalJson(first)).toBe(canonicalize(first));
      expect(canonicalJson(second)).toBe(canonicalize(second));
    }
  });

  it('keeps the hash of the documented example', () => {
    // test/audit/hash-recipe.test.ts pins the README's example; this one pins a donation.
    const event = {
      eventId: '00000000-0000-4000-8000-000000000001', type: 'DonationRecorded',
      data: { amount: '1500000', donor: { name: 'Nguyễn Văn An', kind: 'individual' }, note: null, source: { line: 2 } },
      metadata: { schemaVersion: 1, recordedAt: '2024-05-12T02:30:00.000Z' },
    };
    const json = canonicalize({ streamId: 's', revision: 0, ...event }) as string;
    expect(canonicalEventJson('s', 0, anyShape(event))).toBe(json);
    expect(eventHash(GENESIS_HASH, 's', 0, anyShape(event))).toBe(require('node:crypto').createHash('sha256').update(GENESIS_HASH).update(json).digest('hex'));
  });
});
