/**
 * Every command route with a valid body (the fuzz mutates from valid, so each mutation is the
 * only thing wrong) and the fields of that body, typed as the contract types them.
 */
export type FieldType = 'decimal' | 'decimalOrZero' | 'text' | 'slug' | 'enum' | 'timestamp' | 'object' | 'array' | 'integer';

export interface FieldSpec {
  /** Dotted path in the body. */
  path: string;
  type: FieldType;
  required: boolean;
  /** For text: the longest value accepted. */
  max?: number;
  /** For text: whether "" is refused. */
  nonEmpty?: boolean;
}

export interface CommandRoute {
  name: string;
  method: 'post' | 'put' | 'delete';
  /** The path of a valid call: its target exists, so a body that slipped through would be acted on. */
  path: string;
  /** Who may call it (a valid caller: only the input is wrong). */
  token: string;
  /** A valid body, or undefined for routes that read none. */
  body?: () => Record<string, unknown>;
  fields: FieldSpec[];
  /** Path templates with one parameter to replace by hostile values. */
  pathWith?: (value: string) => string;
}

export interface RouteTargets {
  fund: string;
  campaign: string;
  requested: string;
  approved: string;
  release: string;
  donation: string;
  victimUserId: string;
  staff: string;
  approver: string;
  admin: string;
  receivedAt: string;
  /** A fund id nobody opened: what POST /v1/funds would open if a body got through. */
  newFundId: string;
}

const text = (path: string, max: number, required = true, nonEmpty = required): FieldSpec => ({ path, type: 'text', required, max, nonEmpty });

export function commandRoutes(t: RouteTargets): CommandRoute[] {
  const fund = `/v1/funds/${t.fund}`;
  return [
    {
      name: 'POST /v1/funds', method: 'post', path: '/v1/funds', token: t.admin,
      body: () => ({
        fundId: t.newFundId, name: 'Quỹ mới', chapter: 'Hội CTĐ', legalBasis: 'decree-93-2019', components: ['general', 'cuu-tro'],
        policy: { approvals: [{ above: '0', approvers: 1 }], emergencyReleaseCap: '50000000', emergencySettlementDays: 30, managementCostCapPercent: '5' },
      }),
      fields: [
        { path: 'fundId', type: 'slug', required: true }, text('name', 300), text('chapter', 300, false), { path: 'legalBasis', type: 'enum', required: false },
        { path: 'components', type: 'array', required: false }, { path: 'policy', type: 'object', required: false },
        { path: 'policy.approvals', type: 'array', required: false }, { path: 'policy.emergencyReleaseCap', type: 'decimal', required: false },
        { path: 'policy.emergencySettlementDays', type: 'integer', required: false }, { path: 'policy.managementCostCapPercent', type: 'decimal', required: false },
      ],
    },
    {
      name: 'POST /v1/funds/:fundId/campaigns', method: 'post', path: `${fund}/campaigns`, token: t.admin, pathWith: (v) => `/v1/funds/${v}/campaigns`,
      body: () => ({
        campaignId: 'cd-fuzz-moi', name: 'Bão số 3', kind: 'disaster', receiveFrom: '2026-09-08T00:00:00+07:00', receiveUntil: '2026-10-07T23:59:59+07:00',
        distributeUntil: '2026-10-27T23:59:59+07:00', bankAccount: '0011001932418',
      }),
      fields: [
        { path: 'campaignId', type: 'slug', required: true }, text('name', 300), { path: 'kind', type: 'enum', required: true },
        { path: 'receiveFrom', type: 'timestamp', required: true }, { path: 'receiveUntil', type: 'timestamp', required: true },
        { path: 'distributeUntil', type: 'timestamp', required: false }, text('bankAccount', 64, false),
      ],
    },
    {
      name: 'POST /v1/funds/:fundId/campaigns/:campaignId/close', method: 'post', path: `${fund}/campaigns/${t.campaign}/close`, token: t.admin,
      pathWith: (v) => `${fund}/campaigns/${v}/close`, fields: [],
    },
    {
      name: 'POST /v1/funds/:fundId/donations', method: 'post', path: `${fund}/donations`, token: t.staff, pathWith: (v) => `/v1/funds/${v}/donations`,
      body: () => ({
        amount: '1500000', currency: 'VND', fxRate: null, channel: 'bank_transfer', receivedAt: t.receivedAt,
        donor: { name: 'Nguyễn Văn An', kind: 'individual', publicName: 'Nguyễn V. A.', taxCode: '0312345678', address: 'Quận 1', contact: '0909000000' },
        component: 'general', restriction: { purpose: 'Học bổng', beneficiary: null }, reference: 'FT24133XYZ', note: 'Ủng hộ',
      }),
      fields: [
        { path: 'amount', type: 'decimal', required: true }, { path: 'currency', type: 'enum', required: false }, { path: 'fxRate', type: 'decimal', required: false },
        { path: 'channel', type: 'enum', required: true }, { path: 'receivedAt', type: 'timestamp', required: true }, { path: 'donor', type: 'object', required: true },
        text('donor.name', 300), { path: 'donor.kind', type: 'enum', required: true }, text('donor.publicName', 300, false), text('donor.taxCode', 32, false),
        text('donor.address', 500, false), text('donor.contact', 300, false), { path: 'component', type: 'slug', required: false },
        { path: 'campaignId', type: 'slug', required: false }, { path: 'restriction', type: 'object', required: false }, text('restriction.purpose', 500),
        text('restriction.beneficiary', 300, false), text('reference', 100, false), text('note', 2000, false),
      ],
    },
    {
      name: 'POST /v1/funds/:fundId/disbursements', method: 'post', path: `${fund}/disbursements`, token: t.staff, pathWith: (v) => `/v1/funds/${v}/disbursements`,
      body: () => ({ amount: '1000000', kind: 'relief', component: 'general', purpose: 'Hỗ trợ 20 hộ', beneficiary: 'UBND xã An Phú', certificationRef: 'QĐ-1', note: 'x' }),
      fields: [
        { path: 'amount', type: 'decimal', required: true }, { path: 'kind', type: 'enum', required: true }, { path: 'component', type: 'slug', required: true },
        { path: 'campaignId', type: 'slug', required: false }, text('restrictionId', 120, false), text('purpose', 1000), text('beneficiary', 500),
        text('certificationRef', 200, false), text('note', 2000, false),
      ],
    },
    {
      name: 'POST /v1/funds/:fundId/disbursements/:id/approve', method: 'post', path: `${fund}/disbursements/${t.requested}/approve`, token: t.approver,
      pathWith: (v) => `${fund}/disbursements/${v}/approve`, body: () => ({ note: 'Đồng ý' }), fields: [text('note', 2000, false)],
    },
    {
      name: 'POST /v1/funds/:fundId/disbursements/:id/reject', method: 'post', path: `${fund}/disbursements/${t.requested}/reject`, token: t.approver,
      pathWith: (v) => `${fund}/disbursements/${v}/reject`, body: () => ({ reason: 'Thiếu hồ sơ' }), fields: [text('reason', 2000)],
    },
    {
      name: 'POST /v1/funds/:fundId/disbursements/:id/pay', method: 'post', path: `${fund}/disbursements/${t.approved}/pay`, token: t.approver,
      pathWith: (v) => `${fund}/disbursements/${v}/pay`,
      body: () => ({ paidAt: t.receivedAt, reference: 'UNC-01', certificationRef: 'QĐ-2' }),
      fields: [{ path: 'paidAt', type: 'timestamp', required: true }, text('reference', 200), text('certificationRef', 200, false)],
    },
    {
      name: 'POST /v1/funds/:fundId/emergency-releases', method: 'post', path: `${fund}/emergency-releases`, token: t.staff, pathWith: (v) => `/v1/funds/${v}/emergency-releases`,
      body: () => ({ amount: '1000000', component: 'emergency-relief', incident: 'Sạt lở', recipient: 'Hội CTĐ huyện', note: 'x' }),
      fields: [
        { path: 'amount', type: 'decimal', required: true }, { path: 'component', type: 'slug', required: true }, { path: 'campaignId', type: 'slug', required: false },
        text('incident', 1000), text('recipient', 500), text('note', 2000, false),
      ],
    },
    {
      name: 'POST /v1/funds/:fundId/emergency-releases/:id/settle', method: 'post', path: `${fund}/emergency-releases/${t.release}/settle`, token: t.staff,
      pathWith: (v) => `${fund}/emergency-releases/${v}/settle`,
      body: () => ({ spent: '600000', returned: '400000', evidence: ['Biên bản 01'] }),
      fields: [{ path: 'spent', type: 'decimalOrZero', required: true }, { path: 'returned', type: 'decimalOrZero', required: true }, { path: 'evidence', type: 'array', required: true }],
    },
    {
      name: 'POST /v1/funds/:fundId/reversals', method: 'post', path: `${fund}/reversals`, token: t.staff, pathWith: (v) => `/v1/funds/${v}/reversals`,
      body: () => ({ entryId: t.donation, reason: 'Ghi nhầm' }),
      fields: [text('entryId', 64), text('reason', 2000)],
    },
    {
      name: 'POST /v1/users', method: 'post', path: '/v1/users', token: t.admin,
      body: () => ({ name: 'Lê Văn Cường', roles: ['auditor'] }),
      fields: [text('name', 200), { path: 'roles', type: 'array', required: true }],
    },
    {
      name: 'DELETE /v1/users/:userId', method: 'delete', path: `/v1/users/${t.victimUserId}`, token: t.admin, pathWith: (v) => `/v1/users/${v}`, fields: [],
    },
    {
      name: 'PUT /v1/funds/:fundId/policy', method: 'put', path: `${fund}/policy`, token: t.admin, pathWith: (v) => `/v1/funds/${v}/policy`,
      // Effective today in Vietnam time: the earliest date a change may take.
      body: () => ({ policy: { emergencySettlementDays: 20 }, effectiveFrom: new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10), decisionRef: '15/QĐ-CTĐ' }),
      fields: [
        { path: 'policy', type: 'object', required: true }, { path: 'policy.emergencySettlementDays', type: 'integer', required: false },
        text('effectiveFrom', 10), text('decisionRef', 200), { path: 'legalBasis', type: 'enum', required: false },
      ],
    },
    {
      name: 'POST /v1/funds/:fundId/periods/:period/close', method: 'post', path: `${fund}/periods/2020/close`, token: t.admin,
      pathWith: (v) => `/v1/funds/${v}/periods/2020/close`,
      body: () => ({ decisionRef: '30/QĐ-CTĐ' }),
      fields: [text('decisionRef', 200)],
    },
  ];
}
