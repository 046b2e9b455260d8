import { type ArgumentMetadata, ValidationPipe, type ValidationError } from '@nestjs/common';
import { validationFailed, type FieldProblem } from './api-error';
import { type BodyCheck, compileBodyCheck, NotCompilable } from './compiled-body-check';

function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    for (const reason of Object.values(error.constraints ?? {})) {
      const unknown = reason.startsWith('property ') && reason.endsWith(' should not exist');
      problems.push({ field, reason: unknown ? 'unknown field' : reason });
    }
    problems.push(...flatten(error.children ?? [], field));
  }
  return problems;
}

/** A field, or its items, of the wrong kind: "evidence must be an array", "each value in evidence must be a string". */
const WRONG_KIND = /^(?:each value in )?\S+ must be (?:an array|a string)$/;
const NO_LIST = /^\S+ must be an array$/;

/**
 * The problems a person can act on: a field whose value is of the wrong kind is said to be so,
 * without the checks that follow from it (a list's length and items for a text that is no list,
 * a text's length for a number), which class-validator reports too and which are not true. A
 * field that is no list is only that.
 */
export function withoutConsequences(problems: FieldProblem[]): FieldProblem[] {
  const kept = (test: RegExp) => new Set(problems.filter((problem) => test.test(problem.reason)).map((problem) => problem.field));
  const noList = kept(NO_LIST);
  const wrongKind = kept(WRONG_KIND);
  if (wrongKind.size === 0) return problems;
  return problems.filter((problem) => (noList.has(problem.field) ? NO_LIST : wrongKind.has(problem.field) ? WRONG_KIND : /(?:)/).test(problem.reason));
}

/** Each DTO's compiled check, or null for one that stays with class-validator. */
const COMPILED = new WeakMap<object, BodyCheck | null>();

function compiledCheckOf(dto: object): BodyCheck | null {
  let check = COMPILED.get(dto);
  if (check === undefined) {
    try {
      check = compileBodyCheck(dto as Parameters<typeof compileBodyCheck>[0]);
    } catch (error) {
      if (!(error instanceof NotCompilable)) throw error;
      check = null;
    }
    COMPILED.set(dto, check);
  }
  return check;
}

/** Whether the empty object is a valid body of the DTO: it has no required field. */
function everyFieldOptional(dto: object): boolean {
  const check = compiledCheckOf(dto);
  return check !== null && check({}).length === 0;
}

/**
 * A request body must be one JSON object; arrays, strings and null are refused like bad fields.
 * It is then checked by the check compiled from its DTO's decorators (src/http/compiled-body-check.ts:
 * class-validator's answers without its cost) and handed on as parsed; a DTO whose decorators
 * cannot be compiled goes through class-validator (every request DTO of the API compiles: a test
 * holds it so).
 */
class BodyValidationPipe extends ValidationPipe {
  constructor(
    options: ConstructorParameters<typeof ValidationPipe>[0],
    private readonly useBodyChecks: boolean,
  ) {
    super(options);
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const isDto = metadata.type === 'body' && typeof metadata.metatype === 'function' && metadata.metatype !== Object;
    // No body at all where every field is optional (an approval's {note?}) is the empty object.
    if (isDto && value === undefined && everyFieldOptional(metadata.metatype as object)) value = {};
    if (isDto && (typeof value !== 'object' || value === null || Array.isArray(value))) {
      throw validationFailed([{ field: '(body)', reason: 'must be a JSON object' }]);
    }
    if (isDto) {
      const shape = jsonShapeProblem(value);
      if (shape) throw validationFailed([shape]);
      const forbidden = forbiddenKeys(value);
      if (forbidden.length > 0) throw validationFailed(forbidden.map((field) => ({ field, reason: 'unknown field' })));
      const check = this.useBodyChecks ? compiledCheckOf(metadata.metatype as object) : null;
      if (check) {
        const problems = check(value as object);
        if (problems.length > 0) throw validationFailed(withoutConsequences(problems));
        return value;
      }
    }
    return super.transform(value, metadata);
  }
}

/**
 * Unknown fields are refused; nothing is converted implicitly (a number is not a decimal string).
 * `useBodyChecks: false` validates every body with class-validator: the reference the
 * compiled checks are tested against.
 */
export function createValidationPipe(options: { useBodyChecks?: boolean } = {}): ValidationPipe {
  return new BodyValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => validationFailed(withoutConsequences(flatten(errors))),
  }, options.useBodyChecks ?? true);
}

/** Keys that name Object.prototype members would reach class instances as overrides: refused. */
const PROTOTYPE_KEYS = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

function forbiddenKeys(value: unknown, prefix = '', depth = 0): string[] {
  if (typeof value !== 'object' || value === null || depth > 32) return [];
  const found: string[] = [];
  for (const key of Object.keys(value)) {
    const field = prefix ? `${prefix}.${key}` : key;
    if (PROTOTYPE_KEYS.has(key)) found.push(field);
    else found.push(...forbiddenKeys((value as Record<string, unknown>)[key], field, depth + 1));
  }
  return found;
}

/** Deepest nesting a request body may have; the ledger's own bodies need 3. */
export const MAX_JSON_DEPTH = 32;

/**
 * A body nested deeper than MAX_JSON_DEPTH, or holding a number JSON.parse turned into
 * Infinity (1e400), is refused before anything walks it recursively. Iterative, so a 10,000-level
 * document cannot overflow the stack here.
 */
export function jsonShapeProblem(value: unknown): FieldProblem | undefined {
  const stack: { node: unknown; depth: number }[] = [{ node: value, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop() as { node: unknown; depth: number };
    if (typeof node === 'number' && !Number.isFinite(node)) return { field: '(body)', reason: 'contains a number out of range' };
    if (typeof node !== 'object' || node === null) continue;
    if (depth >= MAX_JSON_DEPTH) return { field: '(body)', reason: `is nested deeper than ${MAX_JSON_DEPTH} levels` };
    for (const child of Object.values(node)) stack.push({ node: child, depth: depth + 1 });
  }
  return undefined;
}
