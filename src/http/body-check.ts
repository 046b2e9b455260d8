import { isIn, isObject, isString, matches, maxLength, minLength } from 'class-validator';
import type { FieldProblem } from './api-error';
import { decimalStringMessage, isCalendarTimestamp, isDecimalString, isNotBlank, notBlankMessage, timestampMessage } from './dto/validators';

/**
 * Hand-written body checks for hot routes. class-validator behind ValidationPipe costs ~16 µs
 * per flat body and far more per nested one (plainToInstance, metadata look-ups, one error
 * object per property); a table walked once costs well under a microsecond. A check applies
 * the same rules as its DTO's decorators, with class-validator's own predicates, and words each
 * reason as class-validator would, so a client cannot tell which one answered; a property test
 * holds the two to the same answers (test/http/body-check.property.test.ts).
 */

/** One constraint of a field: undefined when the value passes, else the reason. */
export type Rule = (value: unknown, property: string) => string | undefined;

export interface FieldRules {
  /** @IsOptional(): null and undefined skip every rule. */
  optional?: boolean;
  /**
   * In the order class-validator reports them. Decorators apply bottom-up, so for
   * `@IsString() @MinLength(1) @MaxLength(300)` that is maxLength, minLength, isString.
   */
  rules: readonly Rule[];
  /** @ValidateNested() with @Type(): the object, or each object of an array, is checked against this. */
  nested?: BodyShape;
}

/** The fields of one body or nested object, in the order its DTO declares them. */
export type BodyShape = ReadonlyMap<string, FieldRules>;

export const bodyShape = (fields: Record<string, FieldRules>): BodyShape => new Map(Object.entries(fields));

/** class-validator's predicates, with its default messages. */
export const rule = {
  isString: (): Rule => (value, property) => (isString(value) ? undefined : `${property} must be a string`),
  minLength: (min: number): Rule => (value, property) =>
    minLength(value, min) ? undefined : `${property} must be longer than or equal to ${min} characters`,
  // validator.js never counts more characters than a string has UTF-16 units: a string that
  // short passes without its two regular-expression scans.
  maxLength: (max: number): Rule => (value, property) =>
    (typeof value === 'string' && value.length <= max) || maxLength(value, max) ? undefined : `${property} must be shorter than or equal to ${max} characters`,
  isIn: (allowed: readonly string[]): Rule => (value, property) =>
    isIn(value, allowed as string[]) ? undefined : `${property} must be one of the following values: ${allowed.join(', ')}`,
  isObject: (): Rule => (value, property) => (isObject(value) ? undefined : `${property} must be an object`),
  /** @Matches(pattern, { message }). */
  matches: (pattern: RegExp, message: string): Rule => (value) => (typeof value === 'string' && matches(value, pattern) ? undefined : message),
  /** @IsDecimalString() of ./dto/validators. */
  decimalString: (options: { allowZero?: boolean } = {}): Rule => (value, property) =>
    isDecimalString(value, options.allowZero === true) ? undefined : decimalStringMessage(property),
  /** @IsTimestampWithOffset() of ./dto/validators. */
  timestamp: (): Rule => (value, property) => (isCalendarTimestamp(value) ? undefined : timestampMessage(property)),
  /** @IsNotBlank() of ./dto/validators. */
  notBlank: (): Rule => (value, property) => (isNotBlank(value) ? undefined : notBlankMessage(property)),
};

/**
 * The problems of a body that is already known to be a JSON object of bounded depth without
 * prototype keys (the validation pipe refuses the others first), in class-validator's order:
 * at each object its unknown fields, then each declared field's reasons, then its nested fields.
 */
export function bodyProblems(body: object, shape: BodyShape): FieldProblem[] {
  const problems: FieldProblem[] = [];
  checkObject(body as Record<string, unknown>, shape, '', problems);
  return problems;
}

const pathOf = (prefix: string, key: string) => (prefix ? `${prefix}.${key}` : key);

function checkObject(object: Record<string, unknown>, shape: BodyShape, prefix: string, problems: FieldProblem[]): void {
  for (const key of Object.keys(object)) {
    if (!shape.has(key)) problems.push({ field: pathOf(prefix, key), reason: 'unknown field' });
  }
  for (const [property, field] of shape) {
    const value = object[property];
    if (field.optional && (value === null || value === undefined)) continue;
    const path = pathOf(prefix, property);
    for (const check of field.rules) {
      const reason = check(value, property);
      if (reason !== undefined) problems.push({ field: path, reason });
    }
    if (field.nested && value !== undefined) checkNested(value, field.nested, path, property, problems);
  }
}

/** As class-validator's nested validation: arrays are walked item by item, to any depth. */
function checkNested(value: unknown, shape: BodyShape, path: string, property: string, problems: FieldProblem[]): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => checkNested(item, shape, `${path}.${index}`, property, problems));
  } else if (typeof value === 'object' && value !== null) {
    checkObject(value as Record<string, unknown>, shape, path, problems);
  } else {
    problems.push({ field: path, reason: `nested property ${property} must be either object or array` });
  }
}

/** A body check: the problems of a body, none when it is valid. */
export type BodyCheck = (body: object) => FieldProblem[];

/** DTO classes, as Nest hands them to pipes, and their checks. */
const CHECKS = new WeakMap<object, BodyCheck>();

/**
 * Marks a request DTO as checked by `check` instead of class-validator. The DTO keeps its
 * decorators: they document the body in /docs and are the reference the check is tested against.
 */
export function CheckedBy(check: BodyCheck): ClassDecorator {
  return (target) => {
    CHECKS.set(target, check);
  };
}

export const bodyCheckOf = (metatype: object): BodyCheck | undefined => CHECKS.get(metatype);
