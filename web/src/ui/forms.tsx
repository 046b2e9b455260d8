import { type ReactNode, useId, useRef, useState } from 'react';
import { Button, FieldError, Input, Label, Text, TextArea, TextField } from 'react-aria-components';
import { ApiProblem, newIdempotencyKey } from '../api/client';
import { parseAmount, typedDateParts } from '../format';
import { hasMessage, t, tOr, type MessageKey } from '../i18n';

export type Errors = Record<string, string>;

/** Where a business rejection belongs on a form: code → field name (else above the form). */
export type CodeFields = Partial<Record<string, string>>;
// A code of several meanings may be placed by its meaning: `CODE.reason` (details.reason) before `CODE`.

/** What a business rejection means on this form, when the app's general wording of its code would mislead: code → message. */
export type CodeMessages = Partial<Record<string, MessageKey>>;

/**
 * Refusals the ledger words better than the catalogue can: which pool holds how much against how
 * much was asked; which of a policy's fields breaks which rule; how far a year's management cost
 * is from its cap, and why a payment waits. Their message is the ledger's own, asked in the app's
 * language.
 */
const LEDGER_WORDED: ReadonlySet<string> = new Set(['INSUFFICIENT_FUNDS', 'INVALID_POLICY', 'MANAGEMENT_COST_CAP_EXCEEDED', 'PUBLISHED_BEFORE_END']);

/**
 * A problem of the API as messages beside the form's fields, in the current language, never
 * its raw code: a bad field of a 400 goes next to that field (the API's dotted name mapped to
 * the form's); a business rejection next to the field it concerns, or above the form.
 */
export function errorsOf(
  error: unknown, fieldNames: Record<string, string> = {}, codeFields: CodeFields = {}, codeMessages: CodeMessages = {},
): { fields: Errors; form?: string } {
  if (!(error instanceof ApiProblem)) return { fields: {}, form: t('error.generic') };
  if (error.code === 'NETWORK') return { fields: {}, form: t('error.network') };
  const fields: Errors = {};
  for (const problem of error.fields) {
    const name = fieldNames[problem.field] ?? problem.field;
    fields[name] = fieldMessage(problem.reason);
  }
  if (error.code === 'VALIDATION_FAILED') {
    return Object.keys(fields).length > 0 ? { fields, form: t('error.VALIDATION_FAILED') } : { fields, form: t('error.field') };
  }
  const own = codeMessages[error.code];
  // A refusal whose code has several meanings names its own in details.reason: said in its own words when the catalogue has them.
  const meaning = typeof error.details.reason === 'string' ? `error.${error.code}.${error.details.reason}` : '';
  const ledgerSays = LEDGER_WORDED.has(error.code) && error.message !== '' ? error.message : undefined;
  const message = own !== undefined ? t(own) : ledgerSays ?? (hasMessage(meaning) ? t(meaning) : tOr(`error.${error.code}`, 'error.generic'));
  // Beside the field the refusal names, when the form has it; else where the form puts this code.
  const named = typeof error.details.field === 'string' ? fieldNames[error.details.field] : undefined;
  const field = named ?? (typeof error.details.reason === 'string' ? codeFields[`${error.code}.${error.details.reason}`] : undefined) ?? codeFields[error.code];
  if (field) return { fields: { ...fields, [field]: message } };
  return { fields, form: message };
}

/** The ledger's English reason of a bad field, said in Vietnamese for the common cases. */
export function fieldMessage(reason: string): string {
  if (/must name the component/i.test(reason)) return t('moves.fromComponentNeeded');
  if (/is published: a name without/i.test(reason)) return t('common.publishedName');
  if (/is the account of campaign/i.test(reason)) return t('common.accountTaken');
  if (/is not your current password/i.test(reason)) return t('account.wrongCurrent');
  if (/must be an http or https address/i.test(reason)) return t('common.badUrl');
  if (/lowercase slug/i.test(reason)) return t('common.badSlug');
  if (/must be an account number/i.test(reason)) return t('common.badAccount');
  if (/9 \(CMND\) or 12 \(CCCD\) digits/i.test(reason)) return t('ben.badIdNumber');
  if (/required|must not be (empty|blank)|missing/i.test(reason)) return t('common.required');
  // A word of its own: "idNumber" or "accountNumber" is no amount.
  if (/\bamount\b|\bdecimal\b|\bnumber\b|\bfraction/i.test(reason)) return t('common.badAmount');
  if (/date|ISO 8601|timestamp/i.test(reason)) return t('common.badDate');
  if (/after tomorrow|future/i.test(reason)) return t('error.FUTURE_DATE');
  return t('error.field');
}

interface Submission<T> {
  pending: boolean;
  errors: Errors;
  formError: string | undefined;
  done: T | undefined;
  /**
   * When this form's key was drawn: "today" is sent as this instant, so sending the form again
   * (after a lost answer) sends the very same body and the ledger recognises the key.
   */
  openedAt: Date;
  /** Runs the request once; a second call while one is in flight is ignored. */
  submit: (run: (idempotencyKey: string) => Promise<T>) => Promise<void>;
  setErrors: (errors: Errors) => void;
  /** A new blank form: a new idempotency key, no result, no errors. */
  reset: () => void;
}

/**
 * A form's submission: one idempotency key for the form's life (a double submit, or a retry
 * after a lost answer, records once), its pending state, and the API's problems placed by field.
 */
export function useSubmission<T>(fieldNames: Record<string, string> = {}, codeFields: CodeFields = {}, codeMessages: CodeMessages = {}): Submission<T> {
  const key = useRef(newIdempotencyKey());
  const openedAt = useRef(new Date());
  const inFlight = useRef(false);
  const [pending, setPending] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string>();
  const [done, setDone] = useState<T>();
  return {
    pending, errors, formError, done, setErrors, openedAt: openedAt.current,
    async submit(run) {
      if (inFlight.current) return;
      inFlight.current = true;
      setPending(true);
      setFormError(undefined);
      try {
        setDone(await run(key.current));
        setErrors({});
        // The answer arrived: the next submission of this form is a new entry.
        key.current = newIdempotencyKey();
        openedAt.current = new Date();
      } catch (error) {
        const placed = errorsOf(error, fieldNames, codeFields, codeMessages);
        setErrors(placed.fields);
        setFormError(placed.form);
      } finally {
        inFlight.current = false;
        setPending(false);
      }
    },
    reset() {
      key.current = newIdempotencyKey();
      openedAt.current = new Date();
      setErrors({});
      setFormError(undefined);
      setDone(undefined);
    },
  };
}

interface FieldProps {
  name: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  errors?: Errors;
  description?: string;
  type?: string;
  inputMode?: 'numeric' | 'decimal' | 'text';
  autoComplete?: string;
  isRequired?: boolean;
  multiline?: boolean;
  placeholder?: string;
}

/**
 * The message a field shows. "Required" stays only while the field is blank: it goes as soon as
 * the person fills the field in, and is back if they empty it again. Any other message stays
 * until the form is sent again, which checks the value anew.
 */
/** Why an amount typed in a required field is refused: blank is "required", anything else not an amount is `bad`; undefined when it reads. */
export function amountError(typed: string, bad: MessageKey = 'common.badAmount'): string | undefined {
  if (typed.trim() === '') return t('common.required');
  return parseAmount(typed) === null ? t(bad) : undefined;
}

export function shownError(error: string | undefined, value: string): string | undefined {
  return error === t('common.required') && value.trim() !== '' ? undefined : error;
}

/** A labelled text field (react-aria) whose error, from the API or the form, is read with it. */
export function Field(props: FieldProps) {
  const error = shownError(props.errors?.[props.name], props.value);
  return (
    <TextField
      className="field" name={props.name} value={props.value} onChange={props.onChange} isInvalid={error !== undefined}
      isRequired={props.isRequired} type={props.type} autoComplete={props.autoComplete} inputMode={props.inputMode}
    >
      <Label>{props.label}</Label>
      {props.multiline ? <TextArea rows={3} /> : <Input placeholder={props.placeholder} />}
      {props.description ? <Text slot="description">{props.description}</Text> : null}
      <FieldError>{error}</FieldError>
    </TextField>
  );
}

interface ChoiceProps {
  name: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: { value: string; label: string }[];
  errors?: Errors;
}

/** A labelled native select: the platform's own accessible list, usable by keyboard and on phones. */
export function Choice(props: ChoiceProps) {
  const id = useId();
  const error = shownError(props.errors?.[props.name], props.value);
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <select id={id} name={props.name} value={props.value} onChange={(event) => props.onChange(event.target.value)}
        aria-invalid={error !== undefined} aria-describedby={error ? `${id}-error` : undefined}>
        {props.options.map((option) => <option key={option.value} value={option.value}>{option.label}</option>)}
      </select>
      {error ? <span className="field-error" id={`${id}-error`}>{error}</span> : null}
    </div>
  );
}

/** A labelled checkbox. */
export function Check(props: { label: string; checked: boolean; onChange: (checked: boolean) => void; name: string }) {
  const id = useId();
  return (
    <div className="check">
      <input id={id} type="checkbox" name={props.name} checked={props.checked} onChange={(event) => props.onChange(event.target.checked)} />
      <label htmlFor={id}>{props.label}</label>
    </div>
  );
}

/** The submit button of a form: disabled while its request is in flight. */
export function Submit(props: { pending: boolean; label: MessageKey }) {
  return (
    <Button type="submit" className="primary" isDisabled={props.pending}>
      {props.pending ? t('common.sending') : t(props.label)}
    </Button>
  );
}

/** A message above the form, read out when it appears. */
export function FormMessage(props: { error?: string; success?: ReactNode }) {
  if (props.error) return <p className="form-error" role="alert">{props.error}</p>;
  if (props.success) return <p className="form-success" role="status">{props.success}</p>;
  return null;
}

/**
 * What is wrong with a date a person typed and parseDate refused: a day its month lacks
 * ("31/02/2026", "0/3/2026") is said as such; anything else by the way to write a date.
 */
export function badDateMessage(typed: string): string {
  const parts = typedDateParts(typed);
  if (parts && parts.month >= 1 && parts.month <= 12) return t('common.noSuchDay', { day: parts.day, month: parts.month, year: String(parts.year) });
  return t('common.badDate');
}
