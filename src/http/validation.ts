import { type ArgumentMetadata, ValidationPipe, type ValidationError } from '@nestjs/common';
import { validationFailed, type FieldProblem } from './api-error';

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

/** A request body must be one JSON object; arrays, strings and null are refused like bad fields. */
class BodyValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const isDto = metadata.type === 'body' && typeof metadata.metatype === 'function' && metadata.metatype !== Object;
    if (isDto && (typeof value !== 'object' || value === null || Array.isArray(value))) {
      throw validationFailed([{ field: '(body)', reason: 'must be a JSON object' }]);
    }
    return super.transform(value, metadata);
  }
}

/** Unknown fields are refused; nothing is converted implicitly (a number is not a decimal string). */
export function createValidationPipe(): ValidationPipe {
  return new BodyValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => validationFailed(flatten(errors)),
  });
}
