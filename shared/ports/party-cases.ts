/**
 * The Security IR case orgwarden keeps for one outside party (`casePartyKey`). Taken by one finding
 * (its ledger id) with a conditional write before the case is opened, so that two findings racing
 * for the same party's first case end with one case: the loser sees the winner's record.
 * - `opening`: taken, the case not opened yet (or its id not recorded yet);
 * - `open`: the case `caseId` takes the party's later findings as comments;
 * - `released`: its opener was refused for good; the next finding may take the record again.
 */
export interface PartyCase {
  /** (`state` is a DynamoDB reserved word.) */
  readonly partyState: 'opening' | 'open' | 'released';
  /** The ledger id of the finding that opened the case (or is opening it). */
  readonly openedBy: string;
  readonly caseId?: string;
  /** The hour whose cap counted this case (`caseHourOf`): given back to it on release. */
  readonly hour: string;
}

/** Taking a party's record for a new case. */
export interface TakePartyCase {
  readonly party: string;
  readonly openedBy: string;
  /** The hour to count the new case in, and the most new cases that hour may have. */
  readonly hour: string;
  readonly cap: number;
  /** The closed case the record holds now, when it holds one: taken only if it still holds that one. */
  readonly replacing?: string;
}

/**
 * - `taken`: the record is this finding's (state `opening`) and the hour counted it;
 * - `lost`: another finding changed the record first: read it again;
 * - `capped`: the hour has had `cap` new cases: nothing was written.
 */
export type TakeResult = 'taken' | 'lost' | 'capped';

/** The parties' case records and the count of new cases per hour, in orgwarden's state table. */
export interface PartyCases {
  /** The party's record (a consistent read), if it has one. */
  getPartyCase(party: string): Promise<PartyCase | undefined>;
  /**
   * Takes the party's record for a new case and counts the case in its hour, both or neither: the
   * record must be absent, `released`, or (with `replacing`) `open` with that closed case.
   */
  takePartyCase(take: TakePartyCase): Promise<TakeResult>;
  /** Records the opened case; only the finding that took the record may (a no-op if it was recorded). */
  recordPartyCase(party: string, openedBy: string, caseId: string): Promise<void>;
  /**
   * Gives the record up after CreateCase was refused for good, and the case back to the count of
   * `hour` (the record's), both or neither; a no-op unless `openedBy` still holds it `opening`.
   */
  releasePartyCase(party: string, openedBy: string, hour: string): Promise<void>;
}
