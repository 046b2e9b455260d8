import { Field } from './field';

export class HealthResponse {
  @Field('ok when the event store and every projection answer', 'ok', { enum: ['ok'] }) status: string;
  @Field('Each indicator: the event store with its head position, each projection and register with the position it has read (and its last error, if any)', {
    eventStore: { status: 'up', headPosition: 1234 }, 'projection:balance': { status: 'up', position: 1234 },
  }, { type: 'object', additionalProperties: true }) info: Record<string, unknown>;
  @Field('Indicators that failed (empty when ok)', {}, { type: 'object', additionalProperties: true }) error: Record<string, unknown>;
  @Field('Every indicator, failed or not', {
    eventStore: { status: 'up', headPosition: 1234 }, 'projection:balance': { status: 'up', position: 1234 },
  }, { type: 'object', additionalProperties: true }) details: Record<string, unknown>;
}
