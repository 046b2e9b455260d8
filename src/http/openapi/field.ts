import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';

/**
 * A field of an answer with its description and example: the two things the OpenAPI description
 * test asks of every field. `options` adds what else the schema needs (type, enum, nullable).
 */
export const Field = (description: string, example: unknown, options: ApiPropertyOptions = {}) =>
  ApiProperty({ description, example, ...options } as ApiPropertyOptions);

/** A field that an answer carries only in some cases (the description says which). */
export const OptionalField = (description: string, example: unknown, options: ApiPropertyOptions = {}) =>
  ApiPropertyOptional({ description, example, ...options } as ApiPropertyOptions);

/** A field holding an object described by its own schema. */
export const NestedField = (description: string, type: ApiPropertyOptions['type'], options: ApiPropertyOptions = {}) =>
  ApiProperty({ description, type, ...options } as ApiPropertyOptions);

/** Money as the API writes it: a decimal string, whole VND unless the currency says otherwise. */
export const Money = (description: string, example = '1500000', options: ApiPropertyOptions = {}) =>
  ApiProperty({ description: `${description} (decimal string)`, example, type: String, ...options } as ApiPropertyOptions);

export const POSITION_DESCRIPTION = 'The global log position of the last event this command appended (use it as ?minPosition= on a read)';
export const Position = (description = POSITION_DESCRIPTION) => ApiProperty({ description, example: 1234, type: Number });
