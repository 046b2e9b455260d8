import { useState, type FormEvent } from 'react';
import { Button } from 'react-aria-components';
import { api, unwrap } from '../api/client';
import type { components } from '../api/schema';
import { compareDecimal, formatMoney, formatNumber, parseAmount, parseDate, todayShown } from '../format';
import { t, type MessageKey } from '../i18n';
import { useFund, useRefreshAfterWrite } from '../session';
import { Section } from '../ui/bits';
import { badDateMessage, Choice, type Errors, Field, FormMessage, Submit, useSubmission } from '../ui/forms';

type Policy = components['schemas']['PolicyResponse'];
type Tier = { above: string; approvers: string };

/** The API's names of the policy's fields, and where this form shows each. */
const FIELD_OF = {
  'policy.emergencyReleaseCap': 'cap', 'policy.emergencySettlementDays': 'days', 'policy.managementCostCapPercent': 'mgmt',
  'policy.managementCostWarnPercent': 'warn', 'policy.emergencyOpenLimit': 'openLimit', 'policy.duplicateAidWindowDays': 'aidDays',
  'policy.blockReleasesWhenOverdue': 'block', 'policy.payerMayBeRequester': 'payer', 'policy.approvals': 'approvals', legalBasis: 'legalBasis',
};

const BLANK = {
  cap: '', days: '', mgmt: '', warn: '', openLimit: '', aidDays: '', block: '', payer: '', legalBasis: '',
  effectiveFrom: todayShown(), decisionRef: '',
};

const yesNo = (value: boolean) => (value ? t('common.yes') : t('common.no'));
export const legalBasisName = (basis: string) => (basis === 'decree-93-2019' ? t('admin.decree93') : t('admin.decree03'));

/**
 * The fund's policy as the board decides it: every field of the version in force, and a new
 * version with only the fields that change, from a date, under the board's decision. Approval
 * tiers are edited as a whole: "above this amount, this many approvers".
 */
export function PolicyForm({ fundId }: { fundId: string }) {
  const fund = useFund(fundId);
  const refresh = useRefreshAfterWrite();
  const policy = fund.data?.policy as Policy | undefined;
  const [v, setV] = useState(BLANK);
  const [tiers, setTiers] = useState<Tier[] | null>(null);
  const submission = useSubmission<{ version: number }>(FIELD_OF,
    { EFFECTIVE_DATE_IN_PAST: 'effectiveFrom', EFFECTIVE_DATE_BEFORE_SCHEDULED: 'effectiveFrom', INVALID_POLICY: 'cap' });
  const set = (field: keyof typeof BLANK) => (value: string) => setV((old) => ({ ...old, [field]: value }));
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const errors = checked(v, tiers, policy);
    const date = parseDate(v.effectiveFrom);
    if (Object.keys(errors).length > 0 || !date) return submission.setErrors(errors);
    await submission.submit(async (key) => {
      const body = { policy: changes(v, tiers), effectiveFrom: date, decisionRef: v.decisionRef.trim(), ...(v.legalBasis ? { legalBasis: v.legalBasis } : {}) };
      const answer = await unwrap<{ version: number }>(api.PUT('/v1/funds/{fundId}/policy', { params: { path: { fundId } }, headers: { 'Idempotency-Key': key }, body: body as never }));
      await refresh();
      setV(BLANK);
      setTiers(null);
      return answer;
    });
  };
  const keep = (current: string) => ({ value: '', label: t('admin.keep', { current }) });
  return (
    <Section title={t('admin.policy', { version: fund.data?.policyVersion ?? '' })} id="policy">
      {policy && fund.data ? <PolicyInForce policy={policy} legalBasis={fund.data.legalBasis} /> : null}
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="grid-form" aria-label={t('admin.newPolicyVersion')}>
        <FormMessage error={submission.formError} success={submission.done ? t('admin.policySaved', { version: submission.done.version }) : undefined} />
        <Field name="cap" label={t('admin.policyCap')} value={v.cap} onChange={set('cap')} errors={submission.errors} inputMode="decimal" placeholder={policy?.emergencyReleaseCap} />
        <Field name="days" label={t('admin.policyDays')} value={v.days} onChange={set('days')} errors={submission.errors} inputMode="numeric" placeholder={String(policy?.emergencySettlementDays ?? '')} />
        <Field name="openLimit" label={t('admin.policyOpenLimit')} value={v.openLimit} onChange={set('openLimit')} errors={submission.errors} inputMode="decimal" placeholder={policy?.emergencyOpenLimit} />
        <Choice name="block" label={t('admin.policyBlock')} value={v.block} onChange={set('block')} errors={submission.errors}
          options={[keep(policy ? yesNo(policy.blockReleasesWhenOverdue) : ''), { value: 'true', label: t('common.yes') }, { value: 'false', label: t('common.no') }]} />
        <Field name="mgmt" label={t('admin.policyMgmt')} value={v.mgmt} onChange={set('mgmt')} errors={submission.errors} inputMode="decimal" placeholder={policy?.managementCostCapPercent} />
        <Field name="warn" label={t('admin.policyWarn')} value={v.warn} onChange={set('warn')} errors={submission.errors} inputMode="decimal" placeholder={policy?.managementCostWarnPercent} />
        <Choice name="payer" label={t('admin.policyPayer')} value={v.payer} onChange={set('payer')} errors={submission.errors}
          options={[keep(policy ? yesNo(policy.payerMayBeRequester) : ''), { value: 'true', label: t('common.yes') }, { value: 'false', label: t('common.no') }]} />
        <Field name="aidDays" label={t('admin.policyAidDays')} value={v.aidDays} onChange={set('aidDays')} errors={submission.errors} inputMode="numeric" placeholder={String(policy?.duplicateAidWindowDays ?? 30)} />
        <Choice name="legalBasis" label={t('admin.legalBasis')} value={v.legalBasis} onChange={set('legalBasis')} errors={submission.errors}
          options={[keep(fund.data ? legalBasisName(fund.data.legalBasis) : ''), { value: 'decree-93-2019', label: t('admin.decree93') }, { value: 'decree-03-2026', label: t('admin.decree03') }]} />
        <ApprovalTiers tiers={tiers} current={policy?.approvals ?? []} onChange={setTiers}
          error={submission.errors.approvals ?? Object.entries(submission.errors).find(([field]) => field.startsWith('policy.approvals'))?.[1]} />
        <Field name="effectiveFrom" label={t('admin.effectiveFrom')} value={v.effectiveFrom} onChange={set('effectiveFrom')} errors={submission.errors} isRequired placeholder="dd/mm/yyyy" />
        <Field name="decisionRef" label={t('admin.decisionRef')} value={v.decisionRef} onChange={set('decisionRef')} errors={submission.errors} isRequired />
        <Submit pending={submission.pending} label="common.save" />
      </form>
    </Section>
  );
}

/** Each rule of a policy, its name and its value in words, in the order the screen shows them. */
const RULES: [keyof Policy, string, (value: never) => string][] = [
  ['approvals', 'admin.policyApprovals', (tiers: Policy['approvals']) => tiers.map((tier) => t('admin.tier', { above: formatMoney(tier.above), approvers: tier.approvers })).join('; ')],
  ['emergencyReleaseCap', 'admin.policyCap', (value: string) => formatMoney(value)],
  ['emergencySettlementDays', 'admin.policyDays', (value: number) => String(value)],
  ['emergencyOpenLimit', 'admin.policyOpenLimit', (value: string) => formatMoney(value)],
  ['blockReleasesWhenOverdue', 'admin.policyBlock', (value: boolean) => yesNo(value)],
  ['managementCostCapPercent', 'admin.policyMgmt', (value: string) => formatNumber(value)],
  ['managementCostWarnPercent', 'admin.policyWarn', (value: string) => formatNumber(value)],
  ['payerMayBeRequester', 'admin.policyPayer', (value: boolean) => yesNo(value)],
  ['duplicateAidWindowDays', 'admin.policyAidDays', (value: number) => String(value)],
];

/** What a version changed, rule by rule, in words: "Hạn mức giải ngân khẩn cấp: 60.000.000 ₫". */
export function policyChangesText(changes: Record<string, unknown>): string[] {
  return RULES.filter(([key]) => changes[key] !== undefined)
    .map(([key, label, shown]) => `${t(label as MessageKey)}: ${(shown as (value: unknown) => string)(changes[key])}`);
}

/** Every rule of the version in force, in words. */
function PolicyInForce({ policy, legalBasis }: { policy: Policy; legalBasis: string }) {
  const rows: [string, string][] = [
    [t('admin.legalBasis'), legalBasisName(legalBasis)],
    ...RULES.map(([key, label, shown]): [string, string] => [t(label as MessageKey), (shown as (value: unknown) => string)(policy[key] ?? (key === 'duplicateAidWindowDays' ? 30 : undefined))]),
  ];
  return (
    <dl className="policy-in-force" aria-label={t('admin.policyInForce')}>
      {rows.map(([term, value]) => <div key={term}><dt>{term}</dt><dd>{value}</dd></div>)}
    </dl>
  );
}

/** The approval tiers: unchanged until "Sửa các mức duyệt" copies the current ones to edit. */
function ApprovalTiers({ tiers, current, onChange, error }: { tiers: Tier[] | null; current: Policy['approvals']; onChange: (tiers: Tier[] | null) => void; error?: string }) {
  if (tiers === null) {
    return (
      <div className="field tiers">
        <Button className="secondary" onPress={() => onChange(current.map((tier) => ({ above: tier.above, approvers: String(tier.approvers) })))}>{t('admin.editTiers')}</Button>
        {error ? <span className="field-error" role="alert">{error}</span> : null}
      </div>
    );
  }
  const put = (index: number, field: keyof Tier) => (value: string) => onChange(tiers.map((tier, i) => (i === index ? { ...tier, [field]: value } : tier)));
  return (
    <fieldset className="tiers">
      <legend>{t('admin.policyApprovals')}</legend>
      {tiers.map((tier, index) => (
        <div className="tier" key={index}>
          <Field name={`tier-${index}-above`} label={t('admin.tierAbove', { n: index + 1 })} value={tier.above} onChange={put(index, 'above')} inputMode="decimal" />
          <Field name={`tier-${index}-approvers`} label={t('admin.tierApprovers', { n: index + 1 })} value={tier.approvers} onChange={put(index, 'approvers')} inputMode="numeric" />
          <Button className="secondary" onPress={() => onChange(tiers.filter((_, i) => i !== index))}>{t('admin.removeTier', { n: index + 1 })}</Button>
        </div>
      ))}
      <Button className="secondary" onPress={() => onChange([...tiers, { above: '', approvers: '1' }])}>{t('admin.addTier')}</Button>
      {error ? <span className="field-error" role="alert">{error}</span> : null}
    </fieldset>
  );
}

/** A whole number typed, from `min` to `max`; undefined when it is not one. */
function wholeIn(typed: string, min: number, max: number): number | undefined {
  if (!/^\d+$/.test(typed.trim())) return undefined;
  const value = Number(typed.trim());
  return value >= min && value <= max ? value : undefined;
}

/** A share in per cent typed (`4`, `4,5`), above 0 and at most `max`, as a decimal string; undefined when it is not one. */
function percentUpTo(typed: string, max: string): string | undefined {
  const share = parseAmount(typed);
  return share !== null && compareDecimal(share, '0') > 0 && compareDecimal(share, max) <= 0 ? share : undefined;
}

/** What the form can tell before sending, as the ledger's rules say it (fund.policy.ts policyProblem). */
function checked(v: typeof BLANK, tiers: Tier[] | null, policy: Policy | undefined): Errors {
  const errors: Errors = {};
  if (!parseDate(v.effectiveFrom)) errors.effectiveFrom = badDateMessage(v.effectiveFrom);
  if (!v.decisionRef.trim()) errors.decisionRef = t('common.required');
  for (const field of ['cap', 'openLimit'] as const) {
    if (v[field] && (parseAmount(v[field]) ?? '0') === '0') errors[field] = t('common.badAmount');
  }
  if (v.days && wholeIn(v.days, 1, 365) === undefined) errors.days = t('admin.daysRange');
  if (v.aidDays && wholeIn(v.aidDays, 0, 3660) === undefined) errors.aidDays = t('admin.aidDaysRange');
  if (v.mgmt && percentUpTo(v.mgmt, '10') === undefined) errors.mgmt = t('admin.capRange');
  const cap = v.mgmt ? percentUpTo(v.mgmt, '10') : policy?.managementCostCapPercent ?? '10';
  if (v.warn && percentUpTo(v.warn, cap ?? '10') === undefined) errors.warn = t('admin.warnRange');
  const tiersProblem = tiers === null ? undefined : tiersError(tiers);
  if (tiersProblem) errors.approvals = tiersProblem;
  return errors;
}

/** Each tier an amount and 1 to 10 approvers, each amount once, never fewer approvers for a larger amount. */
function tiersError(tiers: readonly Tier[]): string | undefined {
  if (tiers.length === 0) return t('admin.tiersNone');
  if (tiers.some((tier) => parseAmount(tier.above) === null || wholeIn(tier.approvers, 1, 10) === undefined)) return t('admin.tiersIncomplete');
  const amounts = tiers.map((tier) => parseAmount(tier.above));
  if (new Set(amounts).size < amounts.length) return t('admin.tiersTwice');
  const ordered = tiers.map((tier) => ({ above: parseAmount(tier.above) as string, approvers: Number(tier.approvers.trim()) }))
    .sort((a, b) => compareDecimal(a.above, b.above));
  return ordered.some((tier, i) => i > 0 && tier.approvers < ordered[i - 1].approvers) ? t('admin.tiersFewer') : undefined;
}

/** Only the fields given: the others stay as the newest version has them. */
function changes(v: typeof BLANK, tiers: Tier[] | null): Record<string, unknown> {
  const changed: Record<string, unknown> = {};
  if (v.cap) changed.emergencyReleaseCap = parseAmount(v.cap);
  if (v.days) changed.emergencySettlementDays = Number(v.days.trim());
  if (v.openLimit) changed.emergencyOpenLimit = parseAmount(v.openLimit);
  if (v.block) changed.blockReleasesWhenOverdue = v.block === 'true';
  if (v.mgmt) changed.managementCostCapPercent = parseAmount(v.mgmt);
  if (v.warn) changed.managementCostWarnPercent = parseAmount(v.warn);
  if (v.payer) changed.payerMayBeRequester = v.payer === 'true';
  if (v.aidDays) changed.duplicateAidWindowDays = Number(v.aidDays.trim());
  // In the order of their amounts, as the policy lists them.
  if (tiers) {
    changed.approvals = tiers.map((tier) => ({ above: parseAmount(tier.above) as string, approvers: Number(tier.approvers.trim()) }))
      .sort((a, b) => compareDecimal(a.above, b.above));
  }
  return changed;
}
