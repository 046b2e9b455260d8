import { useState, type FormEvent, type ReactNode } from 'react';
import { Button, Dialog, Heading, Modal } from 'react-aria-components';
import { parseDate } from '../format';
import { t, type MessageKey } from '../i18n';
import { useRefreshAfterWrite } from '../session';
import { badDateMessage, type CodeFields, type CodeMessages, Field, FormMessage, Submit, useSubmission } from './forms';

/**
 * A command that asks one thing of the person (a reason, a voucher number), in a dialog: the
 * field is required and sent trimmed, with the form's idempotency key; the screens' figures are
 * read again after it, and the dialog closes. A refusal stays in the dialog, beside the field
 * when `codeFields` names it, in the words `codeMessages` gives it on this dialog.
 */
export function OneFieldDialog(props: {
  title: string;
  help: string;
  /** What the person should read before sending, after the help: the figures the command will move. */
  detail?: ReactNode;
  field: { name: string; label: string; multiline?: boolean };
  /** A business date the person may give (dd/mm/yyyy), sent as YYYY-MM-DD; left blank, null. */
  dateField?: { name: string; label: string; description: string };
  sendLabel: MessageKey;
  codeFields?: CodeFields;
  codeMessages?: CodeMessages;
  send: (value: string, idempotencyKey: string, date: string | null) => Promise<unknown>;
  onClose: () => void;
}) {
  const { field, dateField, onClose } = props;
  const [value, setValue] = useState('');
  const [date, setDate] = useState('');
  const refresh = useRefreshAfterWrite();
  const submission = useSubmission<unknown>({}, props.codeFields ?? {}, props.codeMessages ?? {});
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const day = date.trim() === '' ? null : parseDate(date);
    const errors: Record<string, string> = {};
    if (value.trim() === '') errors[field.name] = t('common.required');
    if (dateField && day === null && date.trim() !== '') errors[dateField.name] = badDateMessage(date);
    if (Object.keys(errors).length > 0) return submission.setErrors(errors);
    await submission.submit(async (key) => {
      const answer = await props.send(value.trim(), key, day);
      await refresh();
      onClose();
      return answer;
    });
  };
  return (
    <Modal isOpen isDismissable onOpenChange={(open) => { if (!open) onClose(); }} className="modal">
      <Dialog>
        <Heading slot="title">{props.title}</Heading>
        <p>{props.help}</p>
        {props.detail}
        <form onSubmit={(event) => void onSubmit(event)} noValidate>
          <FormMessage error={submission.formError} />
          <Field name={field.name} label={field.label} value={value} onChange={setValue} errors={submission.errors} isRequired multiline={field.multiline} />
          {dateField ? (
            <Field name={dateField.name} label={dateField.label} value={date} onChange={setDate} errors={submission.errors} placeholder="dd/mm/yyyy" description={dateField.description} />
          ) : null}
          <div className="buttons">
            <Submit pending={submission.pending} label={props.sendLabel} />
            <Button className="secondary" onPress={onClose}>{t('common.cancel')}</Button>
          </div>
        </form>
      </Dialog>
    </Modal>
  );
}
