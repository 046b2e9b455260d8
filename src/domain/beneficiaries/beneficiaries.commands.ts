import type { Actor } from '../spending/spending.commands';
import type { RejectedListLine } from './beneficiaries.events';

/**
 * The identity of a person as the registry keeps it: the handler turns an id number into its keyed
 * hash and last four digits before the decider sees it, so no decision ever holds the number.
 */
export interface BeneficiaryIdentity {
  idHash: string | null;
  idLast4: string | null;
}

export interface RegisterBeneficiary extends BeneficiaryIdentity {
  type: 'RegisterBeneficiary';
  beneficiaryId: string | null;
  kind: string;
  name: string;
  commune: string;
  address: string | null;
  village: string | null;
  categories: string[];
  actor: Actor;
  now: string;
}

/** One readable line of a commune's list. */
export interface BeneficiaryListRow extends BeneficiaryIdentity {
  line: number;
  kind: string;
  name: string;
  address: string | null;
  village: string | null;
  categories: string[];
}

export interface ImportBeneficiaryList {
  type: 'ImportBeneficiaryList';
  commune: string;
  listKind: string;
  certificationRef: string;
  rows: BeneficiaryListRow[];
  /** Lines the reader could not take (a missing name, an id number that is not 9 or 12 digits). */
  unreadable: RejectedListLine[];
  actor: Actor;
  now: string;
}

export type BeneficiaryCommand = RegisterBeneficiary | ImportBeneficiaryList;
