import 'reflect-metadata';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { getMetadataStorage } from 'class-validator';
import type { FieldProblem } from '../../src/http/api-error';
import { compileBodyCheck } from '../../src/http/compiled-body-check';
import { routeBodyClasses } from '../../src/http/openapi/request-constraints';
import { servedOpenApiDocument } from '../../src/openapi-types';

/**
 * A request body has one definition, its DTO's decorators: the compiled checks enforce them and
 * the OpenAPI document states them. This reads the document as the server serves it and holds
 * it to the checks: what it says is required is what a check requires, and each length limit and
 * list of allowed values it states is the one a check enforces, at the limit and one past it.
 */
interface PropertySchema { $ref?: string; maxLength?: number; minLength?: number; enum?: unknown[]; nullable?: boolean; minItems?: number; maxItems?: number; minimum?: number; maximum?: number; type?: string; items?: PropertySchema }
interface ObjectSchema { required?: string[]; properties: Record<string, PropertySchema> }

type Dto = new () => object;

function controllers(): Function[] {
  const folder = join(__dirname, '../../src/http/controllers');
  return readdirSync(folder).filter((name) => name.endsWith('.controller.ts'))
    .flatMap((file) => Object.values(require(join(folder, file)) as Record<string, unknown>))
    .filter((value): value is Function => typeof value === 'function');
}

/** Each property and whether it may be left out: the check reports nothing for it in an empty body. */
function validationProperties(dto: Dto): [string, boolean][] {
  const storage = getMetadataStorage();
  const grouped = storage.groupByPropertyName(storage.getTargetValidationMetadatas(dto, undefined as unknown as string, false, false, undefined as unknown as string[]));
  const problems = problemsOf(dto, {});
  return Object.keys(grouped).map((name) => [name, reasonsFor(problems, name).length === 0]);
}

const problemsOf = (dto: Dto, body: object): FieldProblem[] => compileBodyCheck(dto)(body);
const reasonsFor = (problems: FieldProblem[], field: string) => problems.filter((problem) => problem.field === field).map((problem) => problem.reason);

let schemas: Record<string, ObjectSchema>;
const DTOS = routeBodyClasses(controllers()) as Dto[];

beforeAll(async () => {
  const document = (await servedOpenApiDocument()) as { components: { schemas: Record<string, ObjectSchema> } };
  schemas = document.components.schemas;
}, 60_000);

describe('the OpenAPI document states the request constraints the checks enforce', () => {
  it('finds the routes\' body DTOs and a schema for each', () => {
    expect(DTOS.length).toBeGreaterThan(25);
    for (const dto of DTOS) expect(Object.keys(schemas)).toContain(dto.name);
  });

  it.each(DTOS.map((dto) => [dto.name, dto] as const))('%s: required and nullable as the check has them', (name, dto) => {
    const schema = schemas[name];
    const properties = validationProperties(dto);
    expect(schema.required ?? []).toEqual(properties.filter(([, optional]) => !optional).map(([property]) => property));
    // Stated nullable: null is not refused for it; stated otherwise (a plain value): null is refused.
    for (const [property, propertySchema] of Object.entries(schema.properties)) {
      if (propertySchema.$ref) continue;
      expect(reasonsFor(problemsOf(dto, { [property]: null }), property).length === 0).toBe(propertySchema.nullable === true);
    }
  });

  it.each(DTOS.map((dto) => [dto.name, dto] as const))('%s: each stated length and list of values is the one enforced', (name, dto) => {
    for (const [property, schema] of Object.entries(schemas[name].properties)) {
      if (schema.maxLength !== undefined) {
        expect(reasonsFor(problemsOf(dto, { [property]: 'a'.repeat(schema.maxLength) }), property).join()).not.toMatch(/shorter than/);
        expect(reasonsFor(problemsOf(dto, { [property]: 'a'.repeat(schema.maxLength + 1) }), property).join()).toMatch(/shorter than|must/);
      }
      if (schema.enum) {
        for (const value of schema.enum) expect(reasonsFor(problemsOf(dto, { [property]: value }), property)).toEqual([]);
        expect(reasonsFor(problemsOf(dto, { [property]: 'not-one-of-them' }), property)).not.toEqual([]);
      }
      if (schema.maxItems !== undefined && schema.items?.$ref === undefined) {
        expect(reasonsFor(problemsOf(dto, { [property]: new Array(schema.maxItems + 1).fill(null) }), property).join()).toMatch(/no more than/);
      }
    }
  });

  it('states the constraints a client needs on the busiest bodies', () => {
    const donation = schemas.RecordDonationRequestDto.properties;
    expect(donation.note).toMatchObject({ type: 'string', maxLength: 2000, nullable: true });
    expect(donation.channel.enum).toEqual(['cash', 'bank_transfer', 'in_kind', 'online']);
    expect(donation.receivedAt).toMatchObject({ format: 'date-time' });
    expect(schemas.DonorDto.properties.name).toMatchObject({ minLength: 1, maxLength: 300 });
    expect(schemas.OpenFundRequestDto.required).toEqual(expect.arrayContaining(['fundId']));
    expect(schemas.ApprovalTierDto.properties.approvers).toMatchObject({ type: 'integer', minimum: 1, maximum: 10 });
  });
});
