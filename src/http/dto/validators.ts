import { Type } from 'class-transformer';
import {
  IsObject, IsOptional, IsString, Matches, MaxLength, MinLength, registerDecorator, ValidateNested, type ValidationArguments, type ValidationOptions,
} from 'class-validator';
import { isBlank } from '../../domain/shared/names';
import { SLUG_PATTERN } from '../../domain/streams';
import { ISO_WITH_OFFSET } from '../../reports/report-period';

/** Plain decimal notation: the edge refuses "1e6", "-5", " 5", "5,0"; scale is checked by currency. */
export const DECIMAL_STRING = /^(0|[1-9][0-9]{0,39})(\.[0-9]{1,20})?$/;

export function IsDecimalString(options?: ValidationOptions & { allowZero?: boolean }) {
  return function (object: object, propertyName: string) {
    registerDecorator({
      name: 'isDecimalString',
      target: object.constructor,
      propertyName,
      // Zero is a decimal string: refused where the amount must be positive, it is told so.
      options: {
        message: (args: ValidationArguments) => (typeof args.value === 'string' && /^0(\.0+)?$/.test(args.value) ? `${propertyName} must be greater than 0` : decimalStringMessage(propertyName)),
        ...options,
      },
      validator: {
        validate(value: unknown) {
          return isDecimalString(value, options?.allowZero === true);
        },
      },
    });
  };
}

export function isDecimalString(value: unknown, allowZero: boolean): value is string {
  if (typeof value !== 'string' || !DECIMAL_STRING.test(value)) return false;
  return allowZero || !/^0(\.0+)?$/.test(value);
}

export const decimalStringMessage = (propertyName: string) =>
  `${propertyName} must be a decimal string such as "1500000" (no exponent, sign or spaces)`;

/** An ISO 8601 timestamp with an explicit offset (or Z), as api.md requires for business dates. */
export { ISO_WITH_OFFSET };

export function IsTimestampWithOffset(options?: ValidationOptions) {
  return function (object: object, propertyName: string) {
    registerDecorator({
      name: 'isTimestampWithOffset',
      target: object.constructor,
      propertyName,
      options: { message: timestampMessage(propertyName), ...options },
      validator: {
        validate(value: unknown) {
          return isCalendarTimestamp(value);
        },
      },
    });
  };
}

export const timestampMessage = (propertyName: string) =>
  `${propertyName} must be an ISO 8601 timestamp with an offset, e.g. 2024-05-12T09:30:00+07:00`;

/** A real instant: offset present, the date exists in the calendar (no 30 February), year 1900–2999. */
export function isCalendarTimestamp(value: unknown): value is string {
  if (typeof value !== 'string' || !ISO_WITH_OFFSET.test(value) || Number.isNaN(Date.parse(value))) return false;
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  const hour = Number(value.slice(11, 13));
  const minute = Number(value.slice(14, 16));
  if (year < 1900 || year > 2999 || month < 1 || month > 12 || hour > 23 || minute > 59) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day >= 1 && day <= daysInMonth;
}

/** A real day, YYYY-MM-DD (no 31 February), year 1900–2999; or a real instant as isCalendarTimestamp answers. */
export function isCalendarDateOrTimestamp(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  if (value.length !== 10) return isCalendarTimestamp(value);
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && isCalendarTimestamp(`${value}T00:00:00+07:00`);
}

export function IsDateOrTimestamp(options?: ValidationOptions) {
  return function (object: object, propertyName: string) {
    registerDecorator({
      name: 'isDateOrTimestamp',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must be a date YYYY-MM-DD or an ISO 8601 timestamp with offset, on a day the calendar has`, ...options },
      validator: {
        validate(value: unknown) {
          return isCalendarDateOrTimestamp(value);
        },
      },
    });
  };
}

/** A bank account as people write it: letters and digits, spaces, dots or dashes between them; at most 64. */
export const BANK_ACCOUNT = /^[0-9A-Za-z][0-9A-Za-z .-]{0,62}[0-9A-Za-z]$|^[0-9A-Za-z]$/;
export const bankAccountMessage = (propertyName: string) => `${propertyName} must be an account number (letters, digits, spaces, dots, dashes; at most 64)`;

export const notBlankMessage = (propertyName: string) => `${propertyName} must not be blank`;

/** Required text is more than white space: "   " or "\u200b\u200b" is refused as a name, reference or reason. */
export function isNotBlank(value: unknown): boolean {
  return typeof value !== 'string' || !isBlank(value);
}

/**
 * A string field, when it is a string, holds something besides white space. Non-strings are
 * left to @IsString() so each problem is reported once.
 */
export function IsNotBlank(options?: ValidationOptions) {
  return function (object: object, propertyName: string) {
    registerDecorator({
      name: 'isNotBlank',
      target: object.constructor,
      propertyName,
      options: { message: notBlankMessage(propertyName), ...options },
      validator: {
        validate(value: unknown) {
          return isNotBlank(value);
        },
      },
    });
  };
}

type FieldDecorator = (object: object, propertyName: string) => void;

/**
 * Decorators applied as the same stack written above a property is: the lowest first. Their order
 * is that of class-validator's checks, so of a body's problems and of the schema's keywords.
 */
function stack(...decorators: FieldDecorator[]): FieldDecorator {
  return (object, propertyName) => {
    for (let index = decorators.length - 1; index >= 0; index -= 1) decorators[index](object, propertyName);
  };
}

/** Required text: a string of 1 to `max` characters, more than white space. */
export const RequiredText = (max: number): FieldDecorator => stack(IsNotBlank(), IsString(), MinLength(1), MaxLength(max));

/** Text that may be absent or null, else a string of at most `max` characters. */
export const OptionalText = (max: number): FieldDecorator => stack(IsOptional(), IsString(), MaxLength(max));

/** A business date that may be absent or null (the server then takes now): RFC 3339 with its offset. */
export const OptionalTimestamp = (): FieldDecorator => stack(IsOptional(), IsTimestampWithOffset());

/** Text that may be absent or null, else a string of at most `max` characters, more than white space (a certification's reference, a named recipient). */
export const OptionalNonBlankText = (max: number): FieldDecorator => stack(IsOptional(), IsNotBlank(), IsString(), MaxLength(max));

/** An object checked by the decorators of its own class, which `type` names (a nested check needs both). */
export const IsNestedObject = (type: () => Function): FieldDecorator => stack(IsObject(), ValidateNested(), Type(type));

/**
 * The id of a component, campaign or fund: a slug, refused as "<property> must be a <kind> slug";
 * `parent` is the path of the object holding the property, when it is nested (`to`).
 */
export const IsSlug = (kind: 'component' | 'campaign' | 'fund', parent?: string): FieldDecorator => (object, propertyName) =>
  Matches(SLUG_PATTERN, { message: `${parent === undefined ? '' : `${parent}.`}${propertyName} must be a ${kind} slug` })(object, propertyName);

/** The id of a component, campaign or fund that may be absent or null (see IsSlug). */
export const OptionalSlug = (kind: 'component' | 'campaign' | 'fund', parent?: string): FieldDecorator => stack(IsOptional(), IsSlug(kind, parent));
