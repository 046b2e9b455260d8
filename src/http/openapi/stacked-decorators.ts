import { applyDecorators } from '@nestjs/common';

/**
 * Decorators written in the order they stood stacked on a route, applied as the stack applied them:
 * last to first (applyDecorators applies first to last). The parameters of a route are listed in
 * the OpenAPI document in the order they were applied, so a route's description composed with
 * `stacked` reads as it did above its method and describes the route exactly as it did.
 */
export const stacked = (...decorators: Array<ClassDecorator | MethodDecorator | PropertyDecorator>) =>
  applyDecorators(...[...decorators].reverse());
