import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { LedgerMetrics } from '../../src/ops/metrics';

/**
 * deploy/prometheus.yml and deploy/ledger-alerts.yml as data: no Prometheus runs here, so the
 * rules are checked for what a rule needs, for the alerts issue 19 asks for, and for metric names
 * the ledger really exposes (a misspelt name is an alert that never fires).
 */
interface Rule {
  alert: string;
  expr: string;
  for?: string;
  labels: { severity: string };
  annotations: { summary: string };
}

const deploy = join(__dirname, '..', '..', 'deploy');
const rules = (parse(readFileSync(join(deploy, 'ledger-alerts.yml'), 'utf8')) as { groups: { rules: Rule[] }[] }).groups.flatMap((group) => group.rules);
const scrape = parse(readFileSync(join(deploy, 'prometheus.yml'), 'utf8')) as { rule_files: string[]; scrape_configs: { job_name: string; metrics_path: string }[] };

/** Every series name the ledger's registry can expose, histograms with their _bucket, _sum and _count. */
async function exposedNames(): Promise<Set<string>> {
  const ledgerMetrics = new LedgerMetrics();
  // The last verification's gauges exist once there was one.
  ledgerMetrics.verified(true);
  const metrics = await ledgerMetrics.registry.getMetricsAsJSON().finally(() => ledgerMetrics.onModuleDestroy());
  return new Set(metrics.flatMap((metric) => (String(metric.type) === 'histogram' ? ['_bucket', '_sum', '_count'].map((suffix) => `${metric.name}${suffix}`) : [metric.name])));
}

describe('deploy/ledger-alerts.yml', () => {
  it('is loaded by deploy/prometheus.yml, which scrapes the ledger\'s /metrics', () => {
    expect(scrape.rule_files).toContain('ledger-alerts.yml');
    expect(scrape.scrape_configs).toEqual(expect.arrayContaining([expect.objectContaining({ job_name: 'ctd-fund-ledger', metrics_path: '/metrics' })]));
  });

  it('has the alerts of issue 19: projection lag, overdue emergency releases, verification failures', () => {
    const byName = new Map(rules.map((rule) => [rule.alert, rule]));
    expect(byName.get('LedgerProjectionLagging')?.expr).toContain('ledger_projection_lag_seconds');
    expect(byName.get('LedgerEmergencyReleasesOverdue')?.expr).toContain('ledger_emergency_releases_overdue');
    expect(byName.get('LedgerVerifyFailed')?.expr).toMatch(/ledger_verify_last_ok\) == 0/);
    expect(byName.get('LedgerVerifyFailed')?.expr).toContain('ledger_verify_runs_total{outcome="failed"}');
  });

  it('counts internal errors as server errors, not the 503 a read model catching up answers by design', () => {
    const expr = rules.find((rule) => rule.alert === 'LedgerServerErrors')?.expr ?? '';
    expect(expr).toContain('status=~"5.."');
    expect(expr).toContain('status!="503"');
  });

  it('gives every rule a unique name, a severity and a summary', () => {
    expect(new Set(rules.map((rule) => rule.alert)).size).toBe(rules.length);
    for (const rule of rules) {
      expect(['warning', 'critical']).toContain(rule.labels.severity);
      expect(rule.annotations.summary.length).toBeGreaterThan(10);
      if (rule.for !== undefined) expect(rule.for).toMatch(/^\d+[smhd]$/);
    }
  });

  it('names only metrics the ledger exposes', async () => {
    const exposed = await exposedNames();
    const unknown = rules.flatMap((rule) => (rule.expr.match(/\bledger_[a-z_]+/g) ?? []).filter((name) => !exposed.has(name)).map((name) => `${rule.alert}: ${name}`));
    expect(unknown).toEqual([]);
  });
});
