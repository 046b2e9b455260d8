/**
 * Which fiscal years' obligations the dashboard's "Hạn công khai" reads. An obligation belongs to
 * the year of what it publishes (a campaign's call to the year receiving starts, a year's
 * contributions to that year though due the next), so what is overdue today may belong to any
 * year since the fund's first, and what falls due within the horizon may belong to the next year
 * (a campaign starting in early January, seen in December).
 */

/** The Vietnam calendar year of an ISO timestamp (or of a YYYY-MM-DD day). */
function vietnamYear(value: string): number | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return Number(value.slice(0, 4));
  const instant = Date.parse(value);
  return Number.isNaN(instant) ? null : new Date(instant + 7 * 3_600_000).getUTCFullYear();
}

function dayPlus(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/**
 * Every year from the fund's first (its opening, or an earlier campaign's start) to the year
 * `aheadDays` after `today` reaches, oldest first. Before the fund is read, last year and this one.
 */
export function obligationYears(today: string, aheadDays: number, fund?: { openedAt: string; campaigns: readonly { receiveFrom: string }[] }): number[] {
  const year = Number(today.slice(0, 4));
  const last = Math.max(year, Number(dayPlus(today, aheadDays).slice(0, 4)));
  const starts = fund ? [fund.openedAt, ...fund.campaigns.map((c) => c.receiveFrom)].map(vietnamYear).filter((y): y is number => y !== null) : [];
  const first = Math.min(starts.length > 0 ? Math.min(...starts) : year - 1, year);
  const years: number[] = [];
  for (let y = first; y <= last; y += 1) years.push(y);
  return years;
}
