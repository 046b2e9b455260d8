import { useQuery } from '@tanstack/react-query';
import { Button, Dialog, Heading, Modal } from 'react-aria-components';
import { api, unwrap } from '../api/client';
import type { Donation, DonationFxSettlement } from '../api/types';
import { formatDate, formatDateTime, formatMoney, formatNumber } from '../format';
import { t, type MessageKey } from '../i18n';
import { useFund } from '../session';
import { componentLabel, LoadError, Money, ReadAt } from '../ui/bits';

type Recorded = Donation & { fxSettlement?: DonationFxSettlement | null } & { note: string | null; position: number; receiptIssuedAt: string | null };

/**
 * One donation as the ledger recorded it, read by its id: every field of the entry, whether its
 * receipt has been printed (and when first), and the log position of its event.
 */
export function DonationDetail({ fundId, donationId, onClose }: { fundId: string; donationId: string; onClose: () => void }) {
  const fund = useFund(fundId);
  const donation = useQuery({
    queryKey: ['donation', fundId, donationId],
    queryFn: () => unwrap<Recorded>(api.GET('/v1/funds/{fundId}/donations/{donationId}', { params: { path: { fundId, donationId } } })),
  });
  const d = donation.data;
  const campaign = d?.campaignId ? fund.data?.campaigns.find((c) => c.campaignId === d.campaignId)?.name ?? d.campaignId : t('common.noCampaign');
  return (
    <Modal isOpen isDismissable onOpenChange={(open) => { if (!open) onClose(); }} className="modal">
      <Dialog>
        <Heading slot="title">{t('register.detailTitle', { receiptNo: d?.receiptNo ?? '' })}</Heading>
        <LoadError error={donation.error} />
        {d ? (
          <>
            <dl className="detail">
              <dt>{t('donation.receivedAt')}</dt><dd>{formatDate(d.receivedAt)}</dd>
              <dt>{t('donation.donorName')}</dt><dd>{d.donor.name} · {t(`donorKind.${d.donor.kind}` as MessageKey)}</dd>
              <dt>{t('donation.channel')}</dt><dd>{t(`channel.${d.channel}` as MessageKey)}</dd>
              <dt>{t('donation.revenueCategory')}</dt><dd data-figure="revenue-category">{t(`revenueCategory.${d.revenueCategory}` as MessageKey)}</dd>
              <dt>{t('common.amount')}</dt><dd><Money value={d.amountVnd} />{d.currency !== 'VND' ? <> · <Money value={d.amount} currency={d.currency} /></> : null}</dd>
              {d.fxSettlement !== undefined ? <><dt>{t('register.fxSale')}</dt><dd data-figure="fx-settlement">{d.fxSettlement
                ? t('register.fxSold', {
                  settlementId: d.fxSettlement.settlementId, date: formatDate(d.fxSettlement.settledAt),
                  settled: formatMoney(d.fxSettlement.settledVnd), difference: formatMoney(d.fxSettlement.difference),
                })
                : t('register.fxNotSold')}</dd></> : null}
              <dt>{t('common.component')}</dt><dd>{componentLabel(d.component)}</dd>
              <dt>{t('common.campaign')}</dt><dd>{campaign}</dd>
              {d.restriction ? <><dt>{t('donation.purpose')}</dt><dd>{d.restriction.purpose}</dd></> : null}
              {d.inKind ? <><dt>{t('donation.itemDescription')}</dt><dd>{formatNumber(d.inKind.quantity)} {d.inKind.unit} {d.inKind.description}</dd></> : null}
              <dt>{t('donation.reference')}</dt><dd>{d.reference ?? '—'}</dd>
              <dt>{t('donation.note')}</dt><dd>{d.note ?? '—'}</dd>
              <dt>{t('register.receipt')}</dt>
              <dd data-figure="receipt-issued">{d.receiptIssuedAt ? t('register.receiptIssued', { time: formatDateTime(d.receiptIssuedAt) }) : t('register.receiptNotIssued')}</dd>
            </dl>
            <ReadAt position={d.position} />
          </>
        ) : null}
        <Button className="secondary" onPress={onClose}>{t('common.close')}</Button>
      </Dialog>
    </Modal>
  );
}
