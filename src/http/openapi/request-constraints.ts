import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { MetadataStorage as TypeMetadataStorage } from 'class-transformer/types/MetadataStorage';
import { getMetadataStorage, ValidationTypes } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { DECIMAL_STRING, ISO_WITH_OFFSET } from '../dto/validators';

const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as { defaultMetadataStorage: TypeMetadataStorage };

/**
 * A request body's shape has one definition: its DTO's class-validator decorators. Requests are
 * checked by plans compiled from them (src/http/compiled-body-check.ts), and this writes the same
 * constraints into the DTO's schema in the OpenAPI document: which properties are required and
 * which may be null (see checkedWhen), lengths, allowed values,
 * patterns, bounds and list sizes. The @ApiProperty decorators add only what a person reads: descriptions and examples.
 */
export function addRequestConstraints(document: Pick<OpenAPIObject, 'components'>, controllers: Iterable<Function>): void {
  const schemas = document.components?.schemas ?? {};
  const seen = new Set<Function>();
  const pending = routeBodyClasses(controllers);
  while (pending.length > 0) {
    const dto = pending.pop() as Function;
    if (seen.has(dto)) continue;
    seen.add(dto);
    const schema = schemas[dto.name] as ObjectSchema | undefined;
    if (schema) constrain(schema, dto);
    for (const property of Object.keys(propertiesOf(dto))) {
      const type = defaultMetadataStorage.findTypeMetadata(dto, property);
      if (type) pending.push(type.typeFunction() as Function);
    }
  }
}

/** The class each route takes as its body, from the controllers' own route metadata. */
export function routeBodyClasses(controllers: Iterable<Function>): Function[] {
  const classes = new Set<Function>();
  for (const controller of controllers) {
    for (const method of Object.getOwnPropertyNames(controller.prototype)) {
      const routeArgs = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {}) as Record<string, { index: number }>;
      const types = (Reflect.getMetadata('design:paramtypes', controller.prototype, method) ?? []) as unknown[];
      for (const [key, argument] of Object.entries(routeArgs)) {
        const type = types[argument.index];
        if (key.startsWith(`${RouteParamtypes.BODY}:`) && typeof type === 'function' && type !== Object) classes.add(type);
      }
    }
  }
  return [...classes];
}

interface PropertySchema {
  $ref?: string;
  type?: string;
  items?: PropertySchema;
  [constraint: string]: unknown;
}

interface ObjectSchema {
  required?: string[];
  properties?: Record<string, PropertySchema>;
}

function propertiesOf(dto: Function): Record<string, ValidationMetadata[]> {
  const storage = getMetadataStorage();
  return storage.groupByPropertyName(storage.getTargetValidationMetadatas(dto, undefined as unknown as string, false, false, undefined as unknown as string[]));
}

/**
 * Whether a property holding `value` is checked at all: its @IsOptional() and @ValidateIf()
 * conditions, asked as the check asks them. A property checked when missing is required; one
 * not checked when null may be null. A condition on another property (`@ValidateIf((o) => o.kind
 * === 'x')`) makes the property required only sometimes, which a schema cannot say: it is then
 * stated as optional.
 */
export function checkedWhen(metadatas: ValidationMetadata[], property: string, value: undefined | null): boolean {
  const conditions = metadatas.filter((metadata) => metadata.type === ValidationTypes.CONDITIONAL_VALIDATION);
  return conditions.every((metadata) => (metadata.constraints[0] as (object: object, value: unknown) => boolean)({ [property]: value }, value));
}

function constrain(schema: ObjectSchema, dto: Function): void {
  const required: string[] = [];
  for (const [property, metadatas] of Object.entries(propertiesOf(dto))) {
    if (checkedWhen(metadatas, property, undefined)) required.push(property);
    const target = schema.properties?.[property];
    if (!target) continue;
    if (!checkedWhen(metadatas, property, null) && !target.$ref) target.nullable = true;
    for (const metadata of metadatas) {
      if (metadata.type !== ValidationTypes.CUSTOM_VALIDATION) continue;
      // A schema that is only a reference takes no siblings: a nested object's constraints are in its own schema.
      const at = metadata.each ? target.items : target;
      if (!at || at.$ref) continue;
      for (const constraint of getMetadataStorage().getTargetValidatorConstraints(metadata.constraintCls)) {
        Object.assign(at, schemaConstraint(constraint.name, metadata.constraints ?? []));
      }
    }
  }
  if (required.length > 0) schema.required = required;
  else delete schema.required;
}

/** The OpenAPI keywords of one class-validator constraint (none for those it has no word for, such as @IsNotBlank()). */
function schemaConstraint(name: string, constraints: unknown[]): Record<string, unknown> {
  const [first] = constraints;
  switch (name) {
    case 'maxLength': return { maxLength: first };
    case 'minLength': return { minLength: first };
    case 'isIn': return { enum: first };
    case 'matches': return { pattern: first instanceof RegExp ? first.source : String(first) };
    case 'isDecimalString': return { type: 'string', pattern: DECIMAL_STRING.source };
    case 'isTimestampWithOffset': return { type: 'string', format: 'date-time', pattern: ISO_WITH_OFFSET.source };
    case 'isInt': return { type: 'integer' };
    case 'min': return { minimum: first };
    case 'max': return { maximum: first };
    case 'isBoolean': return { type: 'boolean' };
    case 'isString': return { type: 'string' };
    case 'isArray': return { type: 'array' };
    case 'arrayMinSize': return { minItems: first };
    case 'arrayMaxSize': return { maxItems: first };
    case 'isUrl': return { type: 'string', format: 'uri' };
    default: return {};
  }
}
