import type { components } from '../api/schema';
import { t } from '../i18n';
import { useFund } from '../session';
import { componentLabel, Table } from '../ui/bits';

type StockResponse = components['schemas']['StockResponse'];
type StockPool = components['schemas']['StockPoolResponse'];

/**
 * The in-kind stock as the ledger counts it: each item received, promised, handed out, on hand and
 * free; and, when some goods were given for a purpose or a campaign, the same pool by pool (items
 * so given go out only on a distribution from that pool, R5).
 */
export function StockTables({ fundId, stock }: { fundId: string; stock: StockResponse }) {
  const fund = useFund(fundId);
  // A pool as people name it: the donor's purpose, its campaign's name, the component for its
  // unrestricted stock; its code only when nothing else names it.
  const poolName = (pool: StockPool) => {
    const campaign = pool.campaignId ? fund.data?.campaigns.find((c) => c.campaignId === pool.campaignId)?.name : undefined;
    return pool.purpose ?? campaign ?? (pool.restrictionId === null ? componentLabel(pool.component) : pool.campaignId ?? pool.restrictionId);
  };
  const head = [t('ben.item'), t('ben.unit'), t('ben.stockReceived'), t('ben.stockAllocated'), t('ben.stockHandedOut'), t('ben.stockOnHand'), t('ben.stockFree')];
  const restricted = stock.pools.some((pool) => pool.restrictionId !== null);
  return (
    <>
      <Table caption={t('ben.stock')} head={head}>
        {stock.items.map((item) => (
          <tr key={`${item.description}|${item.unit}`}>
            <th scope="row">{item.description}</th><td>{item.unit}</td><td>{item.received}</td><td>{item.allocated}</td><td>{item.handedOut}</td><td>{item.onHand}</td><td>{item.free}</td>
          </tr>
        ))}
      </Table>
      {restricted ? (
        <Table caption={t('ben.stockByPool')} head={[t('ben.stockPool'), ...head]}>
          {stock.pools.flatMap((pool) => pool.items.map((item) => (
            <tr key={`${pool.pool}|${item.description}|${item.unit}`}>
              <td>{poolName(pool)}</td>
              <th scope="row">{item.description}</th><td>{item.unit}</td><td>{item.received}</td><td>{item.allocated}</td><td>{item.handedOut}</td><td>{item.onHand}</td><td>{item.free}</td>
            </tr>
          )))}
        </Table>
      ) : null}
    </>
  );
}
