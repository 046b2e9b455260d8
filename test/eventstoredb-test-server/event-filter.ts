import { ReadReq } from '@eventstore/db-client/generated/streams_pb';
import type { LoggedEvent } from './in-memory-transaction-log';

/**
 * Server-side filter of a $all read or subscription, as ESDB's `EventFilter.StreamName` /
 * `EventFilter.EventType`: prefixes match with "starts with", a regex when one is given instead.
 */
export type EventFilter = (event: LoggedEvent) => boolean;

export const NO_FILTER: EventFilter = () => true;

/** ESDB's default window: events considered between two checkpoints, per interval multiplier. */
export const DEFAULT_MAX_SEARCH_WINDOW = 32;

export function filterFromOptions(options: ReadReq.Options): EventFilter {
  if (!options.hasFilter()) return NO_FILTER;
  const filter = options.getFilter() as ReadReq.Options.FilterOptions;
  if (filter.hasStreamIdentifier()) {
    const expression = filter.getStreamIdentifier() as ReadReq.Options.FilterOptions.Expression;
    return matcher(expression, (event) => event.streamName);
  }
  if (filter.hasEventType()) {
    const expression = filter.getEventType() as ReadReq.Options.FilterOptions.Expression;
    return matcher(expression, (event) => event.type);
  }
  return NO_FILTER;
}

/** Events considered between two checkpoint messages of a filtered subscription. */
export function checkpointEvery(options: ReadReq.Options): number | undefined {
  if (!options.hasFilter()) return undefined;
  const filter = options.getFilter() as ReadReq.Options.FilterOptions;
  const window = filter.hasMax() ? filter.getMax() : DEFAULT_MAX_SEARCH_WINDOW;
  return Math.max(1, filter.getCheckpointintervalmultiplier()) * window;
}

function matcher(
  expression: ReadReq.Options.FilterOptions.Expression,
  field: (event: LoggedEvent) => string,
): EventFilter {
  const regex = expression.getRegex();
  if (regex !== '') {
    const pattern = new RegExp(regex);
    return (event) => pattern.test(field(event));
  }
  const prefixes = expression.getPrefixList();
  return (event) => prefixes.some((prefix) => field(event).startsWith(prefix));
}
