import { periodClosedRejection } from '../fund/fund.periods';
import { campaignReceivingRejection } from '../fund/campaign-window';
import type { FundState, OpenFundState } from '../fund/fund.state';
import { BOOK_CURRENCY, currencyScale, MAX_AMOUNT_VND, MoneyDecimal, parseAmount, parseRate, toVnd } from '../money';
import { fiscalYearOf, instantOf, isFutureBusinessDate, futureDateMessage } from '../shared/calendar';
import { accept, reject, type Decision } from '../shared/decision';
import { isBlank } from '../shared/names';
import { ownEntry } from '../shared/records';
import { suspenseRestrictionOf } from '../spending/pools';
import { RejectionCode } from '../shared/rejection-codes';
import type { RecordDonation } from './donation.commands';
import { DONATION_REVENUE_CATEGORIES, type DonationEvent } from './donation.events';
import { donationIdOf, receiptNumber } from './donation.ids';
import type { DonationStreamState } from './donation.state';

/**
 * Records a donation in its fund's stream for the fiscal year of `receivedAt`. The fund's state
 * is looked up by the caller; the donation stream state gives the next receipt number.
 */
export function decideRecordDonation(
  command: RecordDonation,
  stream: DonationStreamState,
  fund: FundState,
): Decision<DonationEvent> {
  const valued = valueInVnd(command);
  if (!valued.ok) return valued.rejection;
  const blank = blankField(command);
  if (blank) return reject(RejectionCode.VALIDATION_FAILED, `${blank}: must not be blank`, { field: blank });
  if (isFutureBusinessDate(command.receivedAt, command.now)) {
    return reject(RejectionCode.FUTURE_DATE, futureDateMessage('receivedAt', command.receivedAt), {
      field: 'receivedAt', value: command.receivedAt, now: command.now,
    });
  }
  if (fund.status !== 'open') return reject(RejectionCode.NOT_FOUND, 'No such fund', { entity: 'fund' });
  if (!fund.components.includes(command.component)) {
    return reject(RejectionCode.UNKNOWN_COMPONENT, `Fund has no component "${command.component}"`, {
      component: command.component,
      known: fund.components,
    });
  }
  const closed = periodClosedRejection(fund, command.receivedAt);
  if (closed) return closed;
  const campaignCheck = checkCampaign(command, fund);
  if (!campaignCheck.ok) return campaignCheck.rejection;

  const fiscalYear = fiscalYearOf(command.receivedAt);
  const sequence = stream.recorded + 1;
  const donationId = donationIdOf(fiscalYear, sequence);
  const cash = command.channel !== 'in_kind';
  const restrictionId = command.restriction ? donationId : campaignCheck.restrictionId;
  const revenueCategory = command.revenueCategory ?? 'voluntary_contribution';
  return accept({
    type: 'DonationRecorded',
    data: {
      fundId: command.fundId,
      donationId,
      receiptNo: receiptNumber(fiscalYear, sequence),
      fiscalYear,
      component: command.component,
      campaignId: command.campaignId,
      restrictionId,
      restriction: command.restriction,
      channel: command.channel,
      currency: command.currency,
      amount: valued.amount,
      fxRate: command.fxRate,
      amountVnd: valued.amountVnd.toFixed(),
      cash,
      revenueCategory,
      // R6: the base leaves out in-kind gifts, money with a named recipient and state budget money.
      inManagementCostBase: cash && !command.restriction?.beneficiary && revenueCategory !== 'state_budget',
      receivedAt: command.receivedAt,
      donor: command.donor,
      reference: command.reference,
      inKind: command.inKind,
      note: command.note,
      source: command.source,
    },
  });
}

/** `amount` is the original amount at its currency's scale (ISO 4217: "100" USD is "100.00"). */
type Valued = { ok: true; amount: string; amountVnd: MoneyDecimal } | { ok: false; rejection: Decision<never> };

function invalid(field: string, message: string): Valued {
  return { ok: false, rejection: reject(RejectionCode.VALIDATION_FAILED, `${field}: ${message}`, { field }) };
}

/** The same rules the HTTP edge checks, so paths that skip the edge (bulk import) hold too. */
function valueInVnd(command: RecordDonation): Valued {
  const amount = parseAmount(command.amount, command.currency);
  if (!amount.ok) return invalid(amount.problem === 'unknown_currency' ? 'currency' : 'amount', amount.message);
  if (command.channel === 'in_kind' && !command.inKind) return invalid('inKind', 'required for in_kind donations');
  if (command.channel !== 'in_kind' && command.inKind) return invalid('inKind', 'only for in_kind donations');
  if (Number.isNaN(instantOf(command.receivedAt))) return invalid('receivedAt', 'must be an ISO 8601 timestamp');
  if (command.revenueCategory !== undefined && !(DONATION_REVENUE_CATEGORIES as readonly string[]).includes(command.revenueCategory)) {
    return invalid('revenueCategory', `must be one of ${DONATION_REVENUE_CATEGORIES.join(', ')} (interest is booked from the bank statement)`);
  }
  let amountVnd = amount.value;
  if (command.currency === BOOK_CURRENCY) {
    if (command.fxRate !== null) return invalid('fxRate', 'only for foreign currencies');
  } else {
    const rate = parseRate(command.fxRate);
    if (!rate) return invalid('fxRate', 'a positive decimal string is required for a foreign currency');
    amountVnd = toVnd(amount.value, rate);
    if (amountVnd.lt(1)) return invalid('amount', 'is less than one dong at this rate');
  }
  if (amountVnd.gt(MAX_AMOUNT_VND)) return invalid('amount', 'exceeds 10^15 VND');
  // The Accounting Law's record of the original currency: kept as the bank writes it, at its scale.
  return { ok: true, amount: amount.value.toFixed(currencyScale(command.currency) ?? amount.value.decimalPlaces()), amountVnd };
}

/** The first required text of the command that is blank after trimming (bulk paths skip the edge). */
function blankField(command: RecordDonation): string | undefined {
  const required: [string, string | null | undefined][] = [
    ['donor.name', command.donor.name],
    ['restriction.purpose', command.restriction ? command.restriction.purpose : 'given'],
    ['restriction.beneficiary', command.restriction?.beneficiary ?? 'given'],
    ['inKind.description', command.inKind ? command.inKind.description : 'given'],
    ['inKind.unit', command.inKind ? command.inKind.unit : 'given'],
    ['inKind.valuationMethod', command.inKind ? command.inKind.valuationMethod : 'given'],
  ];
  return required.find(([, value]) => typeof value !== 'string' || isBlank(value))?.[0];
}

type CampaignCheck = { ok: true; restrictionId: string | null } | { ok: false; rejection: Decision<never> };

function checkCampaign(command: RecordDonation, fund: OpenFundState): CampaignCheck {
  if (command.campaignId === null) return { ok: true, restrictionId: null };
  const campaign = ownEntry(fund.campaigns, command.campaignId);
  if (!campaign) {
    return { ok: false, rejection: reject(RejectionCode.NOT_FOUND, `No campaign ${command.campaignId}`, { entity: 'campaign' }, { params: { id: command.campaignId } }) };
  }
  const refused = campaignReceivingRejection(campaign, command.receivedAt);
  if (refused && !refused.ok) {
    // Late money may wait in the campaign's suspense pool for a decision (R14); early money may not.
    if (refused.rejection.code === RejectionCode.CAMPAIGN_CLOSED && command.lateToSuspense === true) {
      return { ok: true, restrictionId: suspenseRestrictionOf(campaign.campaignId) };
    }
    return { ok: false, rejection: refused };
  }
  return { ok: true, restrictionId: campaign.restrictionId };
}
