import { accountType } from './account';
import { auditRunType } from './audit-run';
import { coverageType } from './coverage';
import { delegatedAdminType } from './delegated-admin';
import { handshakeType } from './handshake';
import { macieMemberType } from './macie-member';
import { membershipType } from './membership';
import { placementType } from './placement';
import type { SubjectType } from './subject-type';
import { transferType } from './transfer';

/**
 * Every subject type orgwarden declares, by kind. A function registers the ones it re-reads (with
 * their readers); what needs the declaration of any kind it may meet in the table (the authority that
 * checks a ledger entry against its history, for the sweep that takes over any entry) looks it up here.
 */
const declared: readonly SubjectType[] = [
  handshakeType,
  accountType,
  transferType,
  placementType,
  delegatedAdminType,
  membershipType,
  coverageType,
  macieMemberType,
  auditRunType,
];
export const subjectTypes: ReadonlyMap<string, SubjectType> = new Map(declared.map((type) => [type.kind, type]));
