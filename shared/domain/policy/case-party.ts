/**
 * The outside party a Security Incident Response case is about. orgwarden keeps at most one open
 * case per party: every later finding about the same party is a comment on that case, so that 40
 * invitations from 5 organizations are 5 cases, not 40.
 */
export interface CaseParty {
  /** `organization` when a finding names the party's organization, else its `account`, else its `email`. */
  readonly type: 'organization' | 'account' | 'email';
  readonly id: string;
}

/** Preference of the forms a party may take in a finding: an organization groups all its accounts. */
const forms = [
  ['ORGANIZATION', 'organization'],
  ['ACCOUNT', 'account'],
  ['EMAIL', 'email'],
] as const;

/**
 * The party a finding's case is about: its organization when one is named (a billing invitation
 * names the sender's), otherwise its account (an invitation sent to an account, a transfer, whose
 * data name the other organization's management account only), otherwise its email (an invitation
 * sent by email). Ids are compared lower-case (emails' case carries no meaning).
 */
export const casePartyOf = (
  parties: ReadonlyArray<{ readonly id: string; readonly type: string }>,
): CaseParty | undefined => {
  for (const [type, form] of forms) {
    const party = parties.find((p) => p.type === type && p.id.length > 0);
    if (party) return { type: form, id: party.id.toLowerCase() };
  }
  return undefined;
};

/** A party as one string (`organization:o-…`, `account:…`, `email:…`): the key of its case record. */
export const casePartyKey = (party: CaseParty): string => `${party.type}:${party.id}`;

/** The UTC clock hour an instant falls in (`2026-11-02T09`): the window of the cap on new cases. */
export const caseHourOf = (at: Date): string => at.toISOString().slice(0, 13);
