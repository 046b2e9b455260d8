/**
 * The API's errors are declared in ./errors (one class per meaning); this module keeps the names
 * older imports use.
 */
export { ApiError, type FieldProblem, validationFailed } from './errors';
