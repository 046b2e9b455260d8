/** The one error body of the API: `{"error": {"code", "message", "details"}}`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
    /** Response header fields the answer carries besides the body (Retry-After on a 429). */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface FieldProblem {
  field: string;
  reason: string;
}

export function validationFailed(problems: FieldProblem[]): ApiError {
  const summary = problems.map((p) => `${p.field}: ${p.reason}`).join('; ');
  return new ApiError(400, 'VALIDATION_FAILED', `Invalid request: ${summary}`, { fields: problems });
}
