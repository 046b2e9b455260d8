import 'reflect-metadata';
import fc from 'fast-check';
import { ApiError } from '../../src/http/api-error';
import { toErrorResponse } from '../../src/http/error-mapping';
import { RecordDonationRequestDto } from '../../src/http/dto/donation.request.dto';
import { parseStrictJson } from '../../src/http/strict-json';
import { createValidationPipe } from '../../src/http/validation';
import { DONATION_CHANNELS, DONOR_KINDS } from '../../src/domain/donation/donation.events';
import { SUPPORTED_CURRENCIES } from '../../src/domain/money';
import { BAD_DECIMALS, BAD_SLUGS, BAD_TIMESTAMPS, CONFUSABLE_ENUMS, hostileText, nonStrings, UNKNOWN_KEYS } from '../fuzz/hostile-values';
import { jsonWithMembers, type RawMember, REMOVE, withValue } from '../fuzz/json-text';
import { report, seedFromEnv, sizeFromEnv } from '../soak/support/size';
import { isBlank } from '../../src/domain/shared/names';

/**
 * Request bodies are checked by plans compiled from their DTOs' decorators
 * (src/http/compiled-body-check.ts) instead of class-validator. This suite holds the two to the
 * same answers on the busiest and most nested body, the donation's: for valid, nearly valid and
 * hostile bodies, the validation pipe with the compiled check and the same pipe with
 * class-validator must both accept, handing on the same data, or both refuse with the same
 * error: same message, same fields, same reasons, same order. compiled-body-check.property.test.ts
 * does the same for every other request DTO.
 *
 * Size: BODY_CHECK_RUNS (default 3,000; 60,000 with SOAK=1); BODY_CHECK_SEED replays a run.
 */
const RUNS = sizeFromEnv('BODY_CHECK_RUNS', 3_000, 60_000);
const SEED = seedFromEnv('BODY_CHECK_SEED');
jest.setTimeout(600_000);

const withCompiledCheck = createValidationPipe();
const withClassValidator = createValidationPipe({ useBodyChecks: false });

type Answer = { accepted: true; data: unknown } | { accepted: false; status: number; code: string; message: string; details: unknown };

async function answerOf(pipe: ReturnType<typeof createValidationPipe>, jsonText: string): Promise<Answer> {
  // Each pipe gets its own parse of the same text, as a request would: neither sees the other's changes.
  const body = parseStrictJson(Buffer.from(jsonText, 'utf8'));
  try {
    const data = await pipe.transform(body, { type: 'body', metatype: RecordDonationRequestDto, data: undefined });
    return { accepted: true, data: JSON.parse(JSON.stringify(data)) };
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    const [status, { error: answer }] = toErrorResponse(error);
    return { accepted: false, status, code: answer.code, message: answer.message, details: answer.details };
  }
}

/** Both paths answer `jsonText` alike; the text must be a body the JSON parser lets through. */
async function expectSameAnswer(jsonText: string): Promise<Answer> {
  const reference = await answerOf(withClassValidator, jsonText);
  const compiled = await answerOf(withCompiledCheck, jsonText);
  expect(compiled).toEqual(reference);
  return reference;
}

const parses = (jsonText: string) => {
  try {
    parseStrictJson(Buffer.from(jsonText, 'utf8'));
    return true;
  } catch {
    return false;
  }
};

// ---- Valid bodies ------------------------------------------------------------------------

const decimal = fc.oneof(
  fc.bigInt({ min: 1n, max: 10n ** 15n }).map(String),
  fc.tuple(fc.integer({ min: 0, max: 99_999 }), fc.integer({ min: 1, max: 99 })).map(([whole, cents]) => `${whole}.${String(cents).padStart(2, '0')}`),
  fc.constantFrom('1', '1500000', '0.5', '25000', '9'.repeat(40), `1.${'0'.repeat(19)}1`),
);
const timestamp = fc
  .record({
    date: fc.date({ min: new Date('1900-01-02T00:00:00Z'), max: new Date('2999-12-30T00:00:00Z'), noInvalidDate: true }),
    offset: fc.constantFrom('Z', '+07:00', '-05:30', '+00:00'),
    seconds: fc.constantFrom('', ':00', ':59', ':30.5', ':30.123456789'),
  })
  .map(({ date, offset, seconds }) => `${date.toISOString().slice(0, 16)}${seconds}${offset}`);
const slug = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/);
/** Text from 1 to `max` characters as validator.js counts them (surrogate pairs and variation selectors included). */
const text = (max: number, min = 1) =>
  fc.oneof(
    { weight: 4, arbitrary: hostileText(Math.min(max, 60)).filter((value) => value.length >= min && value.length <= max) },
    // Each unit counts as one character: a surrogate pair, or a letter with its variation selector.
    { weight: 1, arbitrary: fc.constantFrom('a', '🙂', 'x\uFE0F').map((unit) => unit.repeat(max)) },
  );
const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: null });
/** Text of a field marked @IsNotBlank(): something besides white space. */
const filledText = (max: number) => text(max).filter((value) => !isBlank(value));

const validDonor = fc.record(
  {
    name: filledText(300),
    kind: fc.constantFrom(...DONOR_KINDS),
    publicName: optional(text(300, 0)),
    taxCode: optional(text(32, 0)),
    address: optional(text(500, 0)),
    contact: optional(text(300, 0)),
  },
  { requiredKeys: ['name', 'kind'] },
);
const validInKind = fc.record({ description: filledText(500), quantity: decimal, unit: filledText(32), valuationMethod: filledText(300) });

const validBody = fc.record(
  {
    amount: decimal,
    currency: fc.constantFrom(...SUPPORTED_CURRENCIES),
    fxRate: optional(decimal),
    channel: fc.constantFrom(...DONATION_CHANNELS),
    receivedAt: timestamp,
    donor: validDonor,
    component: slug,
    campaignId: optional(slug),
    restriction: optional(fc.record({ purpose: filledText(500), beneficiary: optional(filledText(300)) }, { requiredKeys: ['purpose'] })),
    reference: optional(text(100, 0)),
    inKind: optional(validInKind),
    note: optional(text(2000, 0)),
  },
  { requiredKeys: ['amount', 'channel', 'receivedAt', 'donor'] },
);

// ---- Mutations: one to four fields made wrong ---------------------------------------------

const FIELDS = [
  'amount', 'currency', 'fxRate', 'channel', 'receivedAt', 'donor', 'component', 'campaignId', 'restriction', 'reference', 'inKind', 'note',
  'donor.name', 'donor.kind', 'donor.publicName', 'donor.taxCode', 'donor.address', 'donor.contact',
  'restriction.purpose', 'restriction.beneficiary', 'inKind.description', 'inKind.quantity', 'inKind.unit', 'inKind.valuationMethod',
];
const path = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...FIELDS) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('', 'donor.', 'restriction.', 'inKind.'), fc.constantFrom(...UNKNOWN_KEYS.filter((key) => !key.includes('.')))).map(([at, key]) => `${at}${key}`) },
);
/** Strings one past each length limit of the DTO, in the units validator.js counts. */
const overLong = fc
  .tuple(fc.constantFrom(1, 32, 100, 300, 500, 2000), fc.constantFrom(0, 1), fc.constantFrom('a', '🙂', 'e\u0301', 'x\uFE0F', '\uFE0F'))
  .map(([limit, extra, unit]) => unit.repeat(limit + extra));
const nestedShapes: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom([], [[]], [null], ['x'], [1, 'y', true], [[{}]], [{ name: 'A', kind: 'individual' }], [{ purpose: 'x' }], {}),
  fc.array(fc.oneof(validDonor, validInKind, fc.constant({}), fc.constant(null), fc.array(validDonor, { maxLength: 2 })), { maxLength: 3 }),
  validDonor,
  validInKind,
);
const badValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(REMOVE),
  fc.constant(null),
  nonStrings,
  fc.constantFrom(...BAD_DECIMALS, ...BAD_SLUGS, ...BAD_TIMESTAMPS, ...CONFUSABLE_ENUMS),
  fc.constantFrom('', ' ', '   ', '\t\n', '\u00a0'),
  hostileText(),
  overLong,
  nestedShapes,
  decimal,
  timestamp,
  fc.jsonValue({ maxDepth: 4 }),
);
const mutations = fc.array(fc.tuple(path, badValue), { minLength: 1, maxLength: 4 });

function mutated(body: Record<string, unknown>, changes: [string, unknown][]): Record<string, unknown> {
  return changes.reduce((current, [at, value]) => withValue(current, at, value), body);
}

// ---- Raw members JSON.stringify would never write: __proto__, constructor, … -----------------

const rawMember: fc.Arbitrary<RawMember> = fc.record({
  at: fc.constantFrom('', 'donor', 'restriction', 'inKind'),
  key: fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'),
  valueJson: fc.constantFrom('{}', 'null', '"x"', '1', '{"polluted":true}', '{"prototype":{"isAdmin":true}}', '[]'),
  where: fc.constantFrom('first', 'last'),
});

describe('the compiled donation body check answers as the class-validator DTO does', () => {
  beforeAll(() => report(`body-check property: seed ${SEED}, ${RUNS} runs per property (BODY_CHECK_SEED=${SEED} replays)`));

  it('accepts every valid body, handing on the same data', async () => {
    await fc.assert(
      fc.asyncProperty(validBody, async (body) => {
        const answer = await expectSameAnswer(JSON.stringify(body));
        expect(answer.accepted).toBe(true);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('refuses nearly valid bodies with the same fields, reasons and order', async () => {
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(validBody, mutations, async (body, changes) => {
        const answer = await expectSameAnswer(JSON.stringify(mutated(body, changes)));
        if (!answer.accepted) refused++;
      }),
      { seed: SEED, numRuns: RUNS },
    );
    // The mutations are meant to break the body; a generator that stopped doing so would prove nothing.
    expect(refused).toBeGreaterThan(RUNS / 2);
  });

  it('answers hostile documents alike: any JSON, prototype keys, nested arrays', async () => {
    const document = fc.oneof(
      fc.jsonValue({ maxDepth: 5 }),
      fc.dictionary(fc.oneof(fc.constantFrom(...FIELDS.filter((field) => !field.includes('.')), ...UNKNOWN_KEYS), fc.string()), fc.jsonValue({ maxDepth: 4 }), { maxKeys: 8 }),
      fc.tuple(validBody, mutations).map(([body, changes]) => mutated(body, changes)),
    );
    await fc.assert(
      fc.asyncProperty(document, fc.array(rawMember, { maxLength: 2 }), async (value, members) => {
        const jsonText = jsonWithMembers(value, members);
        fc.pre(parses(jsonText));
        await expectSameAnswer(jsonText);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it.each([
    ['a donor given as a list of broken donors', { donor: [{}, 'x', null, [[{ name: 'b' }]]] }],
    ['every nested object given as a scalar', { donor: 5, restriction: 'x', inKind: true }],
    ['every field missing', {}],
    ['nested objects with unknown fields before their errors', { donor: { extra: 1, name: 5, kind: 'alien' }, restriction: { extra: 1 }, inKind: { extra: 1 } }],
    ['a one-megabyte note', { note: 'x'.repeat(1024 * 1024) }],
    ['length counted as validator.js counts it', { donor: { name: '🙂'.repeat(300), kind: 'individual' }, note: `${'a'.repeat(2000)}\uFE0F` }],
  ])('%s', async (_name, overrides) => {
    const body = { amount: '1500000', channel: 'cash', receivedAt: '2024-05-12T09:30:00+07:00', donor: { name: 'An', kind: 'individual' }, ...overrides };
    await expectSameAnswer(JSON.stringify(body));
  });
});
