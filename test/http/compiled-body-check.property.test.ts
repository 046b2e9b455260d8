import 'reflect-metadata';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import type { MetadataStorage as TypeMetadataStorage } from 'class-transformer/types/MetadataStorage';
import { getMetadataStorage, ValidationTypes } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import fc from 'fast-check';
import { ApiError } from '../../src/http/api-error';
import { compileBodyCheck } from '../../src/http/compiled-body-check';
import { toErrorResponse } from '../../src/http/error-mapping';
import { parseStrictJson } from '../../src/http/strict-json';
import { createValidationPipe } from '../../src/http/validation';
import { BAD_DECIMALS, BAD_SLUGS, BAD_TIMESTAMPS, CONFUSABLE_ENUMS, hostileText, nonStrings, UNKNOWN_KEYS } from '../fuzz/hostile-values';
import { REMOVE } from '../fuzz/json-text';
import { report, seedFromEnv, sizeFromEnv } from '../soak/support/size';

/**
 * Every request body of the API is checked by a plan compiled from its DTO's decorators
 * (src/http/compiled-body-check.ts). This suite finds every DTO a route takes as its body (from
 * the controllers' own route metadata, so a new route cannot be missed), requires that each
 * compiles (none falls back to class-validator unnoticed), and holds each compiled check to
 * class-validator's answers: bodies are generated from the DTO's own constraints (values at and
 * past each limit, allowed and confusable enum values, nested objects and lists) and then broken
 * with hostile values, missing fields and unknown keys; both pipes must accept alike, handing on
 * the same data, or refuse with the same fields, reasons and order.
 *
 * Size: BODY_CHECK_RUNS per DTO (default 150; 3,000 with SOAK=1); BODY_CHECK_SEED replays a run.
 */
const RUNS = sizeFromEnv('BODY_CHECK_RUNS', 150, 3_000);
const SEED = seedFromEnv('BODY_CHECK_SEED');
jest.setTimeout(600_000);

// Read the way @nestjs/swagger reads @Type(): the package does not export it from its entry point.
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as { defaultMetadataStorage: TypeMetadataStorage };

type Dto = new () => object;

/** The body DTO of every route of every controller. */
function requestDtos(): Dto[] {
  const folder = join(__dirname, '../../src/http/controllers');
  const dtos = new Set<Dto>();
  for (const file of readdirSync(folder).filter((name) => name.endsWith('.controller.ts'))) {
    const exports = require(join(folder, file)) as Record<string, unknown>;
    for (const controller of Object.values(exports)) {
      if (typeof controller !== 'function') continue;
      for (const method of Object.getOwnPropertyNames(controller.prototype)) {
        const routeArgs = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {}) as Record<string, { index: number }>;
        const types = (Reflect.getMetadata('design:paramtypes', controller.prototype, method) ?? []) as unknown[];
        for (const [key, argument] of Object.entries(routeArgs)) {
          const type = types[argument.index];
          if (key.startsWith(`${RouteParamtypes.BODY}:`) && typeof type === 'function' && type !== Object) dtos.add(type as Dto);
        }
      }
    }
  }
  return [...dtos].sort((a, b) => a.name.localeCompare(b.name));
}

function propertiesOf(dto: Dto): Map<string, ValidationMetadata[]> {
  const metadatas = getMetadataStorage().getTargetValidationMetadatas(dto, undefined as unknown as string, false, false, undefined as unknown as string[]);
  return new Map(Object.entries(getMetadataStorage().groupByPropertyName(metadatas)));
}

// ---- Values drawn from a property's own constraints ---------------------------------------

const decimal = fc.oneof(fc.bigInt({ min: 0n, max: 10n ** 15n }).map(String), fc.constantFrom('1', '0.5', '1500000', '12.34', '9'.repeat(40)));
const timestamp = fc.constantFrom('2024-05-12T09:30:00+07:00', '2026-01-31T00:00:00Z', '2025-02-29T10:00:00+07:00', '1899-12-31T23:59:59Z', '2024-05-12');
const lengthsNear = (limit: number) => fc.constantFrom(0, 1, Math.max(0, limit - 1), limit, limit + 1);

function textValue(min: number | undefined, max: number | undefined): fc.Arbitrary<unknown> {
  const limits = [min, max].filter((limit): limit is number => limit !== undefined);
  return fc.oneof(
    { weight: 3, arbitrary: hostileText(60) },
    { weight: 2, arbitrary: fc.constantFrom(...(limits.length > 0 ? limits : [1, 10])).chain((limit) => fc.tuple(lengthsNear(limit), fc.constantFrom('a', '🙂', 'x\uFE0F', ' '))).map(([length, unit]) => unit.repeat(length)) },
    { weight: 1, arbitrary: fc.constantFrom('', '   ', 'Nguyễn Văn An') },
  );
}

/** A value that meets, or nearly meets, the constraints of one property (or of each item, for `each`). */
function valueFor(dto: Dto, property: string, metadatas: ValidationMetadata[], depth: number, each: boolean): fc.Arbitrary<unknown> {
  const named = constraintsByName(metadatas, each);
  const constraint = (name: string) => named.get(name)?.constraints?.[0] as never;
  if (named.has('isIn')) return fc.oneof(fc.constantFrom(...(constraint('isIn') as unknown[])), fc.constantFrom(...CONFUSABLE_ENUMS));
  if (named.has('isDateOrTimestamp')) return fc.oneof(timestamp, fc.constantFrom('2024-02-30', '2024-11-31T09:00:00+07:00', ...BAD_TIMESTAMPS));
  if (named.has('matches')) return fc.oneof(fc.stringMatching(constraint('matches') as RegExp), fc.constantFrom(...BAD_SLUGS));
  if (named.has('isDecimalString')) return fc.oneof(decimal, fc.constantFrom(...BAD_DECIMALS));
  if (named.has('isTimestampWithOffset')) return fc.oneof(timestamp, fc.constantFrom(...BAD_TIMESTAMPS));
  if (named.has('isBoolean')) return fc.oneof(fc.boolean(), fc.constantFrom('true', 0, 1));
  if (named.has('isUrl')) return fc.constantFrom('https://chuthapdo.example/bao-cao', 'http://a.b/c', 'ftp://a.b/c', 'not a url', 'https://', 'javascript:alert(1)');
  if (named.has('isInt') || named.has('min') || named.has('max')) {
    const [min, max] = [constraint('min') as number | undefined ?? -5, constraint('max') as number | undefined ?? 400];
    return fc.oneof(fc.integer({ min: min - 1, max: max + 1 }), fc.constantFrom(1.5, '3', Number.MAX_SAFE_INTEGER + 2));
  }
  if (!each && (named.has('isArray') || named.has('arrayMaxSize'))) {
    const maxLength = Math.min(Number(constraint('arrayMaxSize') ?? 4) + 1, 6);
    return fc.array(itemFor(dto, property, metadatas, depth), { maxLength });
  }
  if (!each && hasNested(metadatas)) return nestedValue(dto, property, depth);
  if (named.has('isString') || named.has('maxLength') || named.has('minLength') || named.has('isNotBlank')) {
    return textValue(constraint('minLength') as number | undefined, constraint('maxLength') as number | undefined);
  }
  return fc.jsonValue({ maxDepth: 2 });
}

const hasNested = (metadatas: ValidationMetadata[]) => metadatas.some((metadata) => metadata.type === ValidationTypes.NESTED_VALIDATION);

function itemFor(dto: Dto, property: string, metadatas: ValidationMetadata[], depth: number): fc.Arbitrary<unknown> {
  return hasNested(metadatas) ? nestedValue(dto, property, depth) : valueFor(dto, property, metadatas, depth, true);
}

function nestedValue(dto: Dto, property: string, depth: number): fc.Arbitrary<unknown> {
  const type = defaultMetadataStorage.findTypeMetadata(dto, property);
  if (!type || depth > 2) return fc.constantFrom({}, null, 'x', [[{}]]);
  return bodyOf(type.typeFunction() as Dto, depth + 1);
}

const badValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(REMOVE), fc.constant(null), nonStrings, fc.constantFrom('', ' ', 'x'.repeat(2001)), hostileText(),
  fc.constantFrom([], [[]], [null], ['x'], [[{}]], {}, { extra: 1 }), fc.jsonValue({ maxDepth: 3 }),
);

// ---- Values that meet every constraint -------------------------------------------------------

const LETTERS = 'abcdeghiklmnopqrstuvxyăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệ';

/** A value meeting every constraint of the property (of each item, for `each`), so that whole bodies pass. */
function validValue(dto: Dto, property: string, metadatas: ValidationMetadata[], depth: number, each: boolean): fc.Arbitrary<unknown> {
  const named = constraintsByName(metadatas, each);
  const constraint = (name: string) => named.get(name)?.constraints?.[0] as never;
  if (named.has('isIn')) return fc.constantFrom(...(constraint('isIn') as unknown[]));
  if (named.has('isDateOrTimestamp')) return fc.constantFrom('2024-05-12T09:30:00+07:00', '2025-01-02', '2025-01-02T00:00:00Z');
  if (named.has('matches')) return fc.stringMatching(constraint('matches') as RegExp).filter((value) => value.length <= Number(constraint('maxLength') ?? Infinity) && value.trim() !== '');
  if (named.has('isDecimalString')) return fc.bigInt({ min: 1n, max: 10n ** 12n }).map(String);
  if (named.has('isTimestampWithOffset')) return fc.constantFrom('2024-05-12T09:30:00+07:00', '2025-01-02T00:00:00Z');
  if (named.has('isBoolean')) return fc.boolean();
  if (named.has('isUrl')) return fc.constantFrom('https://chuthapdo.example/bao-cao', 'http://a.example/b');
  if (named.has('isInt') || named.has('min') || named.has('max')) {
    return fc.integer({ min: (constraint('min') as number | undefined) ?? 0, max: (constraint('max') as number | undefined) ?? 400 });
  }
  if (!each && (named.has('isArray') || named.has('arrayMaxSize'))) {
    const minLength = Number(constraint('arrayMinSize') ?? 0);
    const maxLength = Math.max(minLength, Math.min(Number(constraint('arrayMaxSize') ?? 3), 3));
    const item = hasNested(metadatas) ? validNested(dto, property, depth) : validValue(dto, property, metadatas, depth, true);
    return fc.array(item, { minLength, maxLength });
  }
  if (!each && hasNested(metadatas)) return validNested(dto, property, depth);
  const min = Math.max(1, Number(constraint('minLength') ?? 1));
  const max = Math.max(min, Math.min(Number(constraint('maxLength') ?? 40), 40));
  return fc.string({ unit: fc.constantFrom(...LETTERS), minLength: min, maxLength: max });
}

function constraintsByName(metadatas: ValidationMetadata[], each: boolean): Map<string, ValidationMetadata> {
  const named = new Map<string, ValidationMetadata>();
  for (const metadata of metadatas) {
    if (metadata.type !== ValidationTypes.CUSTOM_VALIDATION || (metadata.each === true) !== each) continue;
    for (const constraint of getMetadataStorage().getTargetValidatorConstraints(metadata.constraintCls)) named.set(constraint.name, metadata);
  }
  return named;
}

function validNested(dto: Dto, property: string, depth: number): fc.Arbitrary<unknown> {
  const type = defaultMetadataStorage.findTypeMetadata(dto, property);
  return type ? validBodyOf(type.typeFunction() as Dto, depth + 1) : fc.constant({});
}

const isOptional = (metadatas: ValidationMetadata[]) => metadatas.some((metadata) => metadata.type === ValidationTypes.CONDITIONAL_VALIDATION);

/** A body of `dto` meeting its constraints: required properties always, optional ones now and then (or null). */
function validBodyOf(dto: Dto, depth = 0): fc.Arbitrary<Record<string, unknown>> {
  const fields: Record<string, fc.Arbitrary<unknown>> = {};
  const required: string[] = [];
  for (const [property, metadatas] of propertiesOf(dto)) {
    const value = validValue(dto, property, metadatas, depth, false);
    if (isOptional(metadatas)) fields[property] = fc.oneof({ weight: 3, arbitrary: value }, { weight: 1, arbitrary: fc.constant(null) });
    else {
      fields[property] = value;
      required.push(property);
    }
  }
  return fc.record(fields, { requiredKeys: required });
}

/** A body of `dto`: each property drawn near or past its limits, now and then hostile or missing, sometimes with an unknown key. */
function bodyOf(dto: Dto, depth = 0): fc.Arbitrary<Record<string, unknown>> {
  const fields: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [property, metadatas] of propertiesOf(dto)) {
    fields[property] = fc.oneof({ weight: 6, arbitrary: valueFor(dto, property, metadatas, depth, false) }, { weight: 1, arbitrary: badValue });
  }
  const unknown = fc.option(fc.tuple(fc.constantFrom(...UNKNOWN_KEYS.filter((key) => !key.includes('.'))), fc.jsonValue({ maxDepth: 1 })), { freq: 8 });
  return fc.tuple(fc.record(fields, { requiredKeys: [] }), unknown).map(([body, extra]) => {
    const result: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(body)) if (value !== REMOVE) result[key] = value;
    if (extra) result[extra[0]] = extra[1];
    return result;
  });
}

/** A valid body with one to three of its properties replaced by values drawn near their limits or hostile ones. */
function nearlyValidBodyOf(dto: Dto): fc.Arbitrary<Record<string, unknown>> {
  return fc.tuple(validBodyOf(dto), bodyOf(dto), fc.integer({ min: 1, max: 3 })).map(([valid, wild, count]) => {
    const result = { ...valid };
    for (const key of Object.keys(wild).slice(0, count)) result[key] = wild[key];
    return result;
  });
}

// ---- The two pipes -------------------------------------------------------------------------

const withCompiledCheck = createValidationPipe();
const withClassValidator = createValidationPipe({ useBodyChecks: false });

type Answer = { accepted: true; data: unknown } | { accepted: false; status: number; code: string; message: string; details: unknown };

async function answerOf(pipe: ReturnType<typeof createValidationPipe>, dto: Dto, jsonText: string): Promise<Answer> {
  const body = parseStrictJson(Buffer.from(jsonText, 'utf8'));
  try {
    const data = await pipe.transform(body, { type: 'body', metatype: dto, data: undefined });
    return { accepted: true, data: JSON.parse(JSON.stringify(data)) };
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    const [status, { error: answer }] = toErrorResponse(error);
    return { accepted: false, status, code: answer.code, message: answer.message, details: answer.details };
  }
}

const DTOS = requestDtos();

describe('every request body is checked by a plan compiled from its DTO, answering as class-validator does', () => {
  beforeAll(() => report(`compiled body checks: ${DTOS.length} DTOs, seed ${SEED}, ${RUNS} runs each (BODY_CHECK_SEED=${SEED} replays)`));

  it('finds the body DTOs of the routes', () => {
    expect(DTOS.map((dto) => dto.name)).toEqual(expect.arrayContaining(['RecordDonationRequestDto', 'RequestDisbursementRequestDto', 'OpenFundRequestDto', 'RegisterBeneficiaryRequestDto']));
    expect(DTOS.length).toBeGreaterThan(25);
  });

  it.each(DTOS.map((dto) => [dto.name, dto] as const))('%s compiles', (_name, dto) => {
    expect(() => compileBodyCheck(dto)).not.toThrow();
  });

  it.each(DTOS.map((dto) => [dto.name, dto] as const))('%s: both answer alike', async (_name, dto) => {
    let accepted = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(validBodyOf(dto), nearlyValidBodyOf(dto), bodyOf(dto)), async (body) => {
        const jsonText = JSON.stringify(body);
        const reference = await answerOf(withClassValidator, dto, jsonText);
        expect(await answerOf(withCompiledCheck, dto, jsonText)).toEqual(reference);
        if (reference.accepted) accepted++;
        else refused++;
      }),
      { seed: SEED, numRuns: RUNS },
    );
    // A generator that never got a body through, or never broke one, would compare half the rules.
    expect(accepted).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
  });
});
