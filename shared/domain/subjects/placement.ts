import * as z from 'zod/mini';
import { detailTypes } from '../detail-types';
import { accountIdPattern } from './account';
import { defineSubjectType, subjectId } from './subject-type';

/** The state of an account that is no longer a member: it sits nowhere in the organization. */
export const departedPlacement = 'DEPARTED';

/** A root (`RootId`) or an OU (`OrganizationalUnitId`), the patterns of the Organizations service model. */
export const parentIdPattern = /^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$/;

/** The states of a placement: the account's parent id, or `DEPARTED`. */
export const placementStatePattern = /^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|DEPARTED)$/;

/**
 * Where one account sits (`placement:<account>`): its parent's id (ListParents, or the audit's walk
 * of the organization's tree). Only what changes with the place itself: a stable shape, compared by
 * digest by the audit.
 */
export interface PlacementData {
  readonly id: string;
  /** The parent's id (`r-…`, `ou-…`), or `DEPARTED`. */
  readonly state: string;
}

export const placementSubject = (accountId: string): string => subjectId({ kind: 'placement', id: accountId });

/** The placement of an account seen under `parentId`. */
export const placementData = (accountId: string, parentId: string): PlacementData => ({
  id: accountId,
  state: parentId,
});

/**
 * Where each account sits in the organization (`placement:<account id>`): orgwarden's own
 * bookkeeping, so that a move no event announced (a MoveAccount record lost) is found by the audit and
 * its account checked for coverage as the event would have had it. Its transitions are kept (who was
 * moved where, and when: the policies that apply to an account change with its place) but never
 * announced as such (`silent`): what a move means is said by the reactions it plans (the coverage
 * check). Any move between two different places is possible; one that is no longer a member has
 * departed.
 */
export const placementType = defineSubjectType<PlacementData>({
  kind: 'placement',
  idPattern: accountIdPattern,
  states: placementStatePattern,
  silent: true,
  canMove: (from, to) => placementStatePattern.test(from) && placementStatePattern.test(to) && from !== to,
  isFinal: () => false,
  goneState: departedPlacement,
  whenMissing: (id) => ({ record: { id, state: departedPlacement } }),
  published: {
    // Never used (silent): the account, as an `Account Membership Changed` detail names it.
    detailType: detailTypes.accountMembershipChanged,
    field: 'placement',
    schema: z.object({ id: z.string() }),
    describe: ({ id }) => ({ id }),
    resources: () => [],
  },
});
