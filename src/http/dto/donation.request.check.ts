import { DONATION_CHANNELS, DONOR_KINDS } from '../../domain/donation/donation.events';
import { SUPPORTED_CURRENCIES } from '../../domain/money';
import { SLUG_PATTERN } from '../../domain/streams';
import type { FieldProblem } from '../api-error';
import { bodyProblems, bodyShape, rule } from '../body-check';

/**
 * The rules of RecordDonationRequestDto (donation.request.dto.ts) as a table, for the hottest
 * route of the API. Each line is one property of the DTO, in its order, with its decorators
 * read bottom-up; test/http/body-check.property.test.ts proves both give the same answers.
 */
export const COMPONENT_SLUG_MESSAGE = 'component must be a component slug';
export const CAMPAIGN_SLUG_MESSAGE = 'campaignId must be a campaign slug';

const text = (min: number, max: number) => (min > 0 ? [rule.maxLength(max), rule.minLength(min), rule.isString()] : [rule.maxLength(max), rule.isString()]);
/** Text with @IsNotBlank() above its other decorators: reported after them. */
const nonBlankText = (min: number, max: number) => [...text(min, max), rule.notBlank()];
const nestedObject = [rule.isObject()];

const DONOR = bodyShape({
  name: { rules: nonBlankText(1, 300) },
  kind: { rules: [rule.isIn(DONOR_KINDS)] },
  publicName: { optional: true, rules: text(0, 300) },
  taxCode: { optional: true, rules: text(0, 32) },
  address: { optional: true, rules: text(0, 500) },
  contact: { optional: true, rules: text(0, 300) },
});

const RESTRICTION = bodyShape({
  purpose: { rules: nonBlankText(1, 500) },
  beneficiary: { optional: true, rules: nonBlankText(0, 300) },
});

const IN_KIND = bodyShape({
  description: { rules: nonBlankText(1, 500) },
  quantity: { rules: [rule.decimalString()] },
  unit: { rules: nonBlankText(1, 32) },
  valuationMethod: { rules: nonBlankText(1, 300) },
});

const RECORD_DONATION = bodyShape({
  amount: { rules: [rule.decimalString()] },
  currency: { optional: true, rules: [rule.isIn(SUPPORTED_CURRENCIES)] },
  fxRate: { optional: true, rules: [rule.decimalString()] },
  channel: { rules: [rule.isIn(DONATION_CHANNELS)] },
  receivedAt: { rules: [rule.timestamp()] },
  donor: { rules: nestedObject, nested: DONOR },
  component: { optional: true, rules: [rule.matches(SLUG_PATTERN, COMPONENT_SLUG_MESSAGE)] },
  campaignId: { optional: true, rules: [rule.matches(SLUG_PATTERN, CAMPAIGN_SLUG_MESSAGE)] },
  restriction: { optional: true, rules: nestedObject, nested: RESTRICTION },
  reference: { optional: true, rules: text(0, 100) },
  inKind: { optional: true, rules: nestedObject, nested: IN_KIND },
  note: { optional: true, rules: text(0, 2000) },
});

export const recordDonationProblems = (body: object): FieldProblem[] => bodyProblems(body, RECORD_DONATION);
