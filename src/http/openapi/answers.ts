import { applyDecorators, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';

/** The success answer of a route: its status, what it means and the schema of its JSON body. */
export const ApiAnswer = (status: number, type: Type<unknown>, description: string) =>
  ApiResponse({ status, type, description });

/** A success answer without a body (204). */
export const ApiEmptyAnswer = (description: string) => ApiResponse({ status: 204, description });

/** A success answer that is not JSON (or not only): one schema and example per media type. */
export const ApiMediaAnswer = (
  status: number,
  description: string,
  media: Record<string, { description: string; example?: unknown; model?: Type<unknown> }>,
) =>
  applyDecorators(
    ...Object.values(media).flatMap(({ model }) => (model ? [ApiExtraModels(model)] : [])),
    ApiResponse({
      status,
      description,
      content: Object.fromEntries(Object.entries(media).map(([type, { description: what, example, model }]) => [
        type,
        { schema: model ? { $ref: getSchemaPath(model), description: what } : { type: 'string', description: what, example } },
      ])),
    }),
  );
