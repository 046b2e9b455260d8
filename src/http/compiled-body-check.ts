import type { MetadataStorage as TypeMetadataStorage } from 'class-transformer/types/MetadataStorage';
import { getMetadataStorage, type ValidationArguments, ValidationTypes } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import type { ValidationUtils as MessageTokens } from 'class-validator/types/validation/ValidationUtils';
import type { FieldProblem } from './api-error';

// Neither package exports these from its entry point; @nestjs/swagger reads @Type() the same way.
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as { defaultMetadataStorage: TypeMetadataStorage };
const { ValidationUtils } = require('class-validator/cjs/validation/ValidationUtils') as { ValidationUtils: typeof MessageTokens };

/**
 * Request bodies checked by plans compiled from the DTOs' own class-validator decorators: the
 * decorators stay the one definition of a request's shape (the OpenAPI document's constraints are
 * read from them too, see openapi/request-constraints.ts), and each DTO class is read once, at its
 * first request. A check then walks the parsed body with class-validator's own constraint
 * instances and messages, in class-validator's order, without what makes a ValidationPipe cost
 * ~16 µs for a flat body and far more for a nested one: no copy of the body into class instances,
 * no ValidationError tree, no metadata look-ups per request. Its answers are class-validator's,
 * problem for problem (test/http/body-check.property.test.ts and compiled-body-check.property.test.ts).
 *
 * The body reaches a check already known to be one JSON object of bounded depth with no
 * prototype-named keys (src/http/validation.ts refuses the others first), and is handed on as
 * parsed.
 */

/** The problems of a body, none when it is valid. */
export type BodyCheck = (body: object) => FieldProblem[];

type Constructor = abstract new (...args: never[]) => unknown;

/** One constraint of a property (`@MaxLength(300)`, `@IsIn([...], { each: true })`, …). */
interface ConstraintPlan {
  readonly type: string;
  readonly each: boolean;
  readonly metadata: ValidationMetadata;
  validate(value: unknown, args: ValidationArguments): boolean;
  defaultMessage?(args: ValidationArguments): string;
  /** Reused for every call: checks are synchronous, so one arguments object per constraint suffices. */
  readonly args: ValidationArguments;
}

/** One `@ValidateNested()`, with the class `@Type()` names for what it holds. */
interface NestedPlan {
  readonly metadata: ValidationMetadata;
  readonly ownerName: string;
  readonly shape: () => ClassPlan;
}

interface PropertyPlan {
  readonly name: string;
  /** `@IsOptional()`, `@ValidateIf()`: all must hold for the property to be checked. */
  readonly conditions: readonly ((object: object, value: unknown) => boolean)[];
  /** `@IsDefined()`, then the other constraints, as class-validator runs them. */
  readonly constraints: readonly ConstraintPlan[];
  readonly nested: NestedPlan | undefined;
}

interface ClassPlan {
  readonly className: string;
  readonly known: ReadonlySet<string>;
  readonly properties: readonly PropertyPlan[];
}

/** A DTO whose decorators a compiled check cannot follow exactly: it stays with class-validator. */
export class NotCompilable extends Error {}

const PLANS = new Map<Constructor, ClassPlan>();

function planOf(dto: Constructor, parentName: string | undefined): ClassPlan {
  let plan = PLANS.get(dto);
  if (!plan) {
    plan = compileClass(dto, parentName);
    PLANS.set(dto, plan);
  }
  return plan;
}

/**
 * Reads a class's validation metadata as class-validator's executor reads it for a class
 * instance (no groups, `always` off), grouped by property in the same order.
 */
function compileClass(dto: Constructor, parentName: string | undefined): ClassPlan {
  const storage = getMetadataStorage();
  const metadatas = storage.getTargetValidationMetadatas(dto as unknown as new () => object, parentName as string, false, false, undefined as unknown as string[]);
  if (metadatas.length === 0) throw new NotCompilable(`${dto.name} has no validation metadata`);
  const grouped = storage.groupByPropertyName(metadatas);
  const properties: PropertyPlan[] = [];
  for (const [name, group] of Object.entries(grouped)) {
    for (const metadata of group) {
      if (metadata.type === ValidationTypes.PROMISE_VALIDATION) throw new NotCompilable(`${dto.name}.${name} validates a promise`);
    }
    const defined = group.filter((metadata) => metadata.type === ValidationTypes.IS_DEFINED);
    const custom = group.filter((metadata) => metadata.type === ValidationTypes.CUSTOM_VALIDATION);
    properties.push({
      name,
      conditions: group.filter((metadata) => metadata.type === ValidationTypes.CONDITIONAL_VALIDATION)
        .map((metadata) => metadata.constraints[0] as (object: object, value: unknown) => boolean),
      constraints: [...defined, ...custom].flatMap((metadata) => constraintPlans(dto, metadata)),
      nested: nestedPlanOf(dto, name, group),
    });
  }
  return { className: dto.name, known: new Set(Object.keys(grouped)), properties };
}

function constraintPlans(dto: Constructor, metadata: ValidationMetadata): ConstraintPlan[] {
  const constraints = getMetadataStorage().getTargetValidatorConstraints(metadata.constraintCls);
  return constraints.map((constraint) => {
    if (constraint.async) throw new NotCompilable(`${dto.name}.${metadata.propertyName} has an asynchronous constraint`);
    const instance = constraint.instance as { validate(value: unknown, args: ValidationArguments): boolean; defaultMessage?(args: ValidationArguments): string };
    return {
      type: constraint.name || metadata.type,
      each: metadata.each === true,
      metadata,
      validate: instance.validate.bind(instance),
      defaultMessage: instance.defaultMessage?.bind(instance),
      args: { targetName: dto.name, property: metadata.propertyName, object: {}, value: undefined, constraints: metadata.constraints },
    };
  });
}

function nestedPlanOf(dto: Constructor, property: string, group: ValidationMetadata[]): NestedPlan | undefined {
  const nested = group.filter((metadata) => metadata.type === ValidationTypes.NESTED_VALIDATION);
  if (nested.length === 0) return undefined;
  // class-validator walks an array once per @ValidateNested(), each walk repeating every item's problems.
  if (nested.length > 1) throw new NotCompilable(`${dto.name}.${property} has more than one @ValidateNested()`);
  const metadata = nested[0];
  const type = defaultMetadataStorage.findTypeMetadata(dto as unknown as new () => object, property);
  if (!type) throw new NotCompilable(`${dto.name}.${property} is @ValidateNested() without @Type()`);
  const nestedClass = type.typeFunction() as Constructor;
  return { metadata, ownerName: dto.name, shape: () => planOf(nestedClass, dto.name) };
}

/**
 * The check of a request DTO, compiled from its decorators (and those of the classes it nests),
 * or NotCompilable when one of them uses something a plan cannot follow exactly.
 */
export function compileBodyCheck(dto: Constructor): BodyCheck {
  const plan = planOf(dto, undefined);
  checkNestedClasses(plan, new Set());
  return (body) => {
    const problems: FieldProblem[] = [];
    checkObject(body as Record<string, unknown>, plan, '', problems);
    return problems;
  };
}

/** Compiles every nested class up front, so a DTO that cannot be compiled is known before any request. */
function checkNestedClasses(plan: ClassPlan, seen: Set<ClassPlan>): void {
  if (seen.has(plan)) return;
  seen.add(plan);
  for (const property of plan.properties) if (property.nested) checkNestedClasses(property.nested.shape(), seen);
}

const pathOf = (prefix: string, key: string) => (prefix ? `${prefix}.${key}` : key);

/** As class-validator's executor: unknown keys first, then each property's problems and those nested in it. */
function checkObject(object: Record<string, unknown>, plan: ClassPlan, prefix: string, problems: FieldProblem[]): void {
  for (const key of Object.keys(object)) {
    if (!plan.known.has(key)) problems.push({ field: pathOf(prefix, key), reason: 'unknown field' });
  }
  for (const property of plan.properties) {
    const value = object[property.name];
    let applies = true;
    for (const condition of property.conditions) applies = condition(object, value) && applies;
    if (!applies) continue;
    const path = pathOf(prefix, property.name);
    let reasons = constraintReasons(object, value, property.constraints);
    let children: FieldProblem[] | undefined;
    if (value !== undefined && property.nested) {
      reasons ??= new Map();
      children = [];
      checkNested(value, property.nested, path, reasons, children);
    }
    if (reasons) for (const reason of reasons.values()) problems.push({ field: path, reason });
    if (children) problems.push(...children);
  }
}

/**
 * The failed constraints of one value, keyed by constraint type as class-validator keys them: a
 * second failure of the same type replaces the first's message in the first's place.
 */
function constraintReasons(object: object, value: unknown, constraints: readonly ConstraintPlan[]): Map<string, string> | undefined {
  let reasons: Map<string, string> | undefined;
  for (const constraint of constraints) {
    if (passes(constraint, object, value)) continue;
    reasons ??= new Map();
    reasons.set(constraint.type, messageOf(constraint, object, value));
  }
  return reasons;
}

function passes(constraint: ConstraintPlan, object: object, value: unknown): boolean {
  const args = constraint.args;
  args.object = object;
  args.value = value;
  if (!constraint.each || !Array.isArray(value)) return constraint.validate(value, args) === true;
  let valid = true;
  for (const item of value) valid = constraint.validate(item, args) === true && valid;
  return valid;
}

function messageOf(constraint: ConstraintPlan, object: object, value: unknown): string {
  const args: ValidationArguments = { ...constraint.args, object, value };
  const message = constraint.metadata.message || constraint.defaultMessage?.(args) || '';
  return ValidationUtils.replaceMessageSpecialTokens(message, args);
}

/**
 * As class-validator's nested validation: an object is checked against its class, an array item
 * by item (to any depth, each item reported under its index), anything else is refused in the
 * property's own reasons.
 */
function checkNested(value: unknown, nested: NestedPlan, path: string, reasons: Map<string, string>, children: FieldProblem[]): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      if (item === undefined) return;
      const itemPath = `${path}.${index}`;
      const itemReasons = new Map<string, string>();
      const itemChildren: FieldProblem[] = [];
      checkNested(item, nested, itemPath, itemReasons, itemChildren);
      for (const reason of itemReasons.values()) children.push({ field: itemPath, reason });
      children.push(...itemChildren);
    });
  } else if (typeof value === 'object' && value !== null) {
    checkObject(value as Record<string, unknown>, nested.shape(), path, children);
  } else {
    reasons.set(ValidationTypes.NESTED_VALIDATION, ValidationUtils.replaceMessageSpecialTokens(nested.metadata.message, {
      targetName: nested.ownerName, property: nested.metadata.propertyName, object: {}, value, constraints: nested.metadata.constraints,
    }));
  }
}
