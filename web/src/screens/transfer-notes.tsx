import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ChangeEvent, type FormEvent } from 'react';
import { Button } from 'react-aria-components';
import { api, ApiProblem, unwrap } from '../api/client';
import type { TransferLine } from '../api/types';
import { formatDate } from '../format';
import { t, tOr } from '../i18n';
import { useRefreshAfterWrite } from '../session';
import { LoadError, Money, Section, Table } from '../ui/bits';
import { Field, FormMessage, Submit, useSubmission } from '../ui/forms';

/**
 * Transfers to a ledger elsewhere (R16): the signed note of a transfer to a fund this ledger does
 * not hold, downloaded as a JSON file; the note another installation gave, imported once; and the
 * keys of the ledgers whose notes this fund trusts.
 */

/**
 * A signed JSON document of a transfer (its note, its delivery receipt), fetched when asked for and
 * offered as a file to save and hand to the other chapter.
 */
function JsonFileButton({ load, fileName, label, transferId }: { load: () => Promise<unknown>; fileName: string; label: string; transferId: string }) {
  const [file, setFile] = useState<{ url: string; name: string }>();
  const [error, setError] = useState<string>();
  const onDownload = async () => {
    setError(undefined);
    try {
      const document = await load();
      const url = URL.createObjectURL(new Blob([`${JSON.stringify(document, null, 2)}\n`], { type: 'application/json' }));
      setFile({ url, name: fileName });
    } catch (problem) {
      setError(problem instanceof ApiProblem ? problem.message : t('error.generic'));
    }
  };
  return (
    <div className="buttons">
      <FormMessage error={error} />
      {file
        ? <a className="download" href={file.url} download={file.name}>{t('tn.file', { name: file.name })}</a>
        : <Button className="secondary" onPress={() => void onDownload()} aria-label={`${label}: ${transferId}`}>{label}</Button>}
    </div>
  );
}

/** The note of an external transfer in transit, as a file `giay-chuyen-tien-<transferId>.json`. */
export function NoteDownload({ fundId, line }: { fundId: string; line: TransferLine }) {
  const load = () => unwrap<unknown>(api.GET('/v1/funds/{fundId}/transfers/{transferId}/note', { params: { path: { fundId, transferId: line.transferId } } }));
  return <JsonFileButton load={load} fileName={`giay-chuyen-tien-${line.transferId}.json`} label={t('tn.download')} transferId={line.transferId} />;
}

interface Imported {
  transferId: string;
  amount: string;
  fromChapter: string;
}
type ImportResult = { booked: Imported } | { already: { transferId: string; importedAt: string } };

/** Why a note was refused, in words for the accountant. */
function refusal(problem: unknown): string {
  if (!(problem instanceof ApiProblem)) return t('error.generic');
  if (problem.code === 'INVALID_SIGNATURE') return problem.details.reason === 'UNTRUSTED_KEY' ? t('tn.untrusted', { keyId: String(problem.details.keyId) }) : t('tn.badSignature');
  if (problem.code === 'NOTE_MISADDRESSED') return t('tn.misaddressed', { toFundId: String(problem.details.toFundId) });
  if (problem.code === 'VALIDATION_FAILED') return t('tn.notANote');
  return tOr(`error.${problem.code}`, 'error.generic');
}

/** The accountant books a signed note of another installation: chosen as a file, or pasted. */
export function ImportNote({ fundId }: { fundId: string }) {
  const refresh = useRefreshAfterWrite();
  const [text, setText] = useState('');
  const [error, setError] = useState<string>();
  const submission = useSubmission<ImportResult>();
  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.target.files?.[0];
    if (chosen) setText(await chosen.text());
  };
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    let note: unknown;
    try {
      note = JSON.parse(text);
    } catch {
      return setError(t('tn.notANote'));
    }
    await submission.submit(async (key) => {
      try {
        const answer = await unwrap<Imported>(api.POST('/v1/funds/{fundId}/transfers/import-note', { params: { path: { fundId } }, headers: { 'Idempotency-Key': key }, body: note as never }));
        await refresh();
        return { booked: answer };
      } catch (problem) {
        if (problem instanceof ApiProblem && problem.code === 'ALREADY_EXISTS' && problem.details.entity === 'transferNote') {
          return { already: { transferId: String(problem.details.transferId), importedAt: String(problem.details.importedAt) } };
        }
        setError(refusal(problem));
        throw problem;
      }
    });
  };
  const done = submission.done;
  const success = done === undefined ? undefined : 'booked' in done
    ? t('tn.booked', { id: done.booked.transferId, chapter: done.booked.fromChapter })
    : undefined;
  return (
    <Section title={t('tn.import')} id="tn-import">
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="grid-form">
        <p>{t('tn.importHelp')}</p>
        {error ? <FormMessage error={error} /> : null}
        {done && 'already' in done ? <p className="form-error" role="alert">{t('tn.already', { id: done.already.transferId, at: formatDate(done.already.importedAt) })}</p> : null}
        {success ? <p className="form-success" role="status">{success} <Money value={(done as { booked: Imported }).booked.amount} /></p> : null}
        <div className="field">
          <label htmlFor="tn-file">{t('tn.fileLabel')}</label>
          <input id="tn-file" type="file" accept="application/json,.json" onChange={(event) => void onFile(event)} />
        </div>
        <Field name="note" label={t('tn.paste')} value={text} onChange={setText} multiline />
        <Submit pending={submission.pending} label="tn.importButton" />
      </form>
    </Section>
  );
}

interface TrustedKey {
  keyId: string;
  publicKey: string;
  chapter: string;
  registeredBy: string;
  registeredAt: string;
}

/** The keys this fund trusts (admin, auditor); the admin registers another installation's key. */
export function TrustedKeys({ fundId, canRegister }: { fundId: string; canRegister: boolean }) {
  const queryClient = useQueryClient();
  const list = useQuery({
    queryKey: ['trusted-keys', fundId],
    queryFn: () => unwrap<{ keys: TrustedKey[] }>(api.GET('/v1/funds/{fundId}/trusted-keys', { params: { path: { fundId } } })),
  });
  const blank = { keyId: '', publicKey: '', chapter: '' };
  const [v, setV] = useState(blank);
  const submission = useSubmission<{ keyId: string }>();
  const set = (field: keyof typeof blank) => (value: string) => setV((old) => ({ ...old, [field]: value }));
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const errors: Record<string, string> = {};
    if (!/^[0-9a-f]{8}$/.test(v.keyId.trim())) errors.keyId = t('tn.badKeyId');
    if (v.publicKey.trim().length !== 44) errors.publicKey = t('tn.badPublicKey');
    if (!v.chapter.trim()) errors.chapter = t('common.required');
    if (Object.keys(errors).length > 0) return submission.setErrors(errors);
    await submission.submit(async (key) => {
      const body = { keyId: v.keyId.trim(), publicKey: v.publicKey.trim(), chapter: v.chapter.trim() };
      const answer = await unwrap<{ keyId: string }>(api.POST('/v1/funds/{fundId}/trusted-keys', { params: { path: { fundId } }, headers: { 'Idempotency-Key': key }, body }));
      setV(blank);
      await queryClient.invalidateQueries({ queryKey: ['trusted-keys', fundId] });
      return answer;
    });
  };
  const keys = list.data?.keys ?? [];
  return (
    <Section title={t('tn.keys')} id="tn-keys">
      <LoadError error={list.error} />
      {list.data && keys.length === 0 ? <p>{t('common.none')}</p> : null}
      {keys.length > 0 ? (
        <Table caption={t('tn.keys')} head={[t('tn.keyId'), t('tn.chapter'), t('tn.publicKey'), t('tn.registeredAt')]}>
          {keys.map((key) => (
            <tr key={key.keyId}>
              <th scope="row">{key.keyId}</th>
              <td>{key.chapter}</td>
              <td><code className="wrap">{key.publicKey}</code></td>
              <td>{formatDate(key.registeredAt)}</td>
            </tr>
          ))}
        </Table>
      ) : null}
      {canRegister ? (
        <form onSubmit={(event) => void onSubmit(event)} noValidate className="grid-form">
          <p>{t('tn.keysHelp')}</p>
          <FormMessage error={submission.formError} success={submission.done ? t('tn.keyDone', { keyId: submission.done.keyId }) : undefined} />
          <Field name="keyId" label={t('tn.keyId')} value={v.keyId} onChange={set('keyId')} errors={submission.errors} isRequired placeholder="a1b2c3d4" />
          <Field name="publicKey" label={t('tn.publicKey')} value={v.publicKey} onChange={set('publicKey')} errors={submission.errors} isRequired />
          <Field name="chapter" label={t('tn.chapter')} value={v.chapter} onChange={set('chapter')} errors={submission.errors} isRequired />
          <Submit pending={submission.pending} label="tn.register" />
        </form>
      ) : null}
    </Section>
  );
}

/** The delivery receipt of a note this fund booked, as a file `bien-nhan-<transferId>.json`, for the sending chapter. */
export function ReceiptDownload({ fundId, line }: { fundId: string; line: TransferLine }) {
  const load = () => unwrap<unknown>(api.GET('/v1/funds/{fundId}/transfers/incoming/{transferId}/receipt', {
    params: { path: { fundId, transferId: line.transferId }, query: line.fromLedger ? { fromLedger: line.fromLedger } : {} },
  }));
  return <JsonFileButton load={load} fileName={`bien-nhan-${line.transferId}.json`} label={t('tn.receiptDownload')} transferId={line.transferId} />;
}

/** Why a receipt was refused, in words for the accountant. */
function receiptRefusal(problem: unknown): string {
  if (!(problem instanceof ApiProblem)) return t('error.generic');
  if (problem.code === 'INVALID_SIGNATURE') return problem.details.reason === 'UNTRUSTED_KEY' ? t('tn.receiptUntrusted', { keyId: String(problem.details.keyId) }) : t('tn.receiptBadSignature');
  if (problem.code === 'RECEIPT_MISMATCH') return t('tn.receiptMismatch', { field: String(problem.details.field), actual: String(problem.details.actual), expected: String(problem.details.expected) });
  if (problem.code === 'VALIDATION_FAILED') return t('tn.notAReceipt');
  return problem.message;
}

/**
 * The sender's accountant records the receipt the receiving chapter sent back for an external
 * transfer in transit: the transfer is then delivered and leaves the fund's transit.
 */
export function DeliveredUpload({ fundId, line }: { fundId: string; line: TransferLine }) {
  const refresh = useRefreshAfterWrite();
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<string>();
  const submission = useSubmission<{ transferId: string }>();
  const inputId = `tn-receipt-${line.transferId}`;
  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.target.files?.[0];
    if (!chosen) return;
    setError(undefined);
    let receipt: unknown;
    try {
      receipt = JSON.parse(await chosen.text());
    } catch {
      return setError(t('tn.notAReceipt'));
    }
    await submission.submit(async (key) => {
      try {
        const answer = await unwrap<{ transferId: string }>(api.POST('/v1/funds/{fundId}/transfers/{transferId}/delivered', {
          params: { path: { fundId, transferId: line.transferId } }, headers: { 'Idempotency-Key': key }, body: receipt as never,
        }));
        setDone(t('tn.delivered', { id: line.transferId }));
        await refresh();
        return answer;
      } catch (problem) {
        if (problem instanceof ApiProblem && problem.code === 'ALREADY_EXISTS') {
          setDone(t('tn.alreadyDelivered', { id: line.transferId, at: formatDate(String(problem.details.recordedAt)) }));
          await refresh();
          return { transferId: line.transferId };
        }
        setError(receiptRefusal(problem));
        throw problem;
      }
    });
  };
  return (
    <div className="field">
      {error ? <p className="form-error" role="alert">{error}</p> : null}
      {done ? <p className="form-success" role="status">{done}</p> : null}
      <label htmlFor={inputId}>{t('tn.receiptUpload')}</label>
      <input id={inputId} type="file" accept="application/json,.json" disabled={submission.pending} onChange={(event) => void onFile(event)} />
    </div>
  );
}
