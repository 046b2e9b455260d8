/**
 * Events of a fund's beneficiary registry (`ctd.beneficiaries.<fundId>`): the households, persons
 * and organisations the fund helps, and the commune lists they came from (R11, R12). A national id
 * number never reaches the log: only its keyed hash (a per-fund secret) and its last four digits.
 */

export const BENEFICIARY_KINDS = ['household', 'person', 'organization'] as const;
export type BeneficiaryKind = (typeof BENEFICIARY_KINDS)[number];

export const BENEFICIARY_CATEGORIES = ['poor', 'near_poor', 'policy', 'disaster_affected', 'other'] as const;
export type BeneficiaryCategory = (typeof BENEFICIARY_CATEGORIES)[number];

export const BENEFICIARY_LIST_KINDS = ['poor', 'near_poor', 'affected', 'other'] as const;
export type BeneficiaryListKind = (typeof BENEFICIARY_LIST_KINDS)[number];

export interface BeneficiaryRegistered {
  type: 'BeneficiaryRegistered';
  data: {
    fundId: string;
    beneficiaryId: string;
    kind: BeneficiaryKind;
    name: string;
    commune: string;
    address: string | null;
    /** Thôn / xóm / ấp, when the commune's list gives it. */
    village: string | null;
    /** HMAC-SHA256 of the id number's digits under the fund's secret, hex; null when none was given. */
    idHash: string | null;
    idLast4: string | null;
    categories: BeneficiaryCategory[];
    /** The list whose import added it; null when registered one by one. */
    listId: string | null;
    registeredBy: string;
    registeredAt: string;
  };
}

/** A line of a commune's list that was not taken, by its line number in the file. */
export interface RejectedListLine {
  line: number;
  code: string;
  message: string;
}

export interface BeneficiaryListImported {
  type: 'BeneficiaryListImported';
  data: {
    fundId: string;
    listId: string;
    commune: string;
    listKind: BeneficiaryListKind;
    /** The commune People's Committee's certification of the list (R11). */
    certificationRef: string;
    /** Every beneficiary on the list, in the order of the file, each once. */
    members: string[];
    added: number;
    matched: number;
    rejected: RejectedListLine[];
    importedBy: string;
    importedAt: string;
  };
}

export type BeneficiaryEvent = BeneficiaryRegistered | BeneficiaryListImported;
