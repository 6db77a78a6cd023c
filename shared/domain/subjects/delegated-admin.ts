import * as z from 'zod/mini';
import { detailTypes } from '../detail-types';
import { defineSubjectType } from './subject-type';

/** A service principal (`security-ir.amazonaws.com`), as ListDelegatedAdministrators takes one. */
export const servicePrincipalPattern = /^(?=.{1,128}$)[a-z0-9-]+(\.[a-z0-9-]+)*\.amazonaws\.com$/;

/** The state of a service with no delegated administrator. */
export const noDelegatedAdmin = 'NONE';

/** The states: the administrators' account ids, sorted and joined by commas, or `NONE`. */
export const delegatedAdminStatePattern = /^(NONE|\d{12}(,\d{12})*)$/;

/** Who administers one service for the organization (`delegated-admin:<service principal>`). */
export interface DelegatedAdminData {
  /** The service principal. */
  readonly id: string;
  /** {@link delegatedAdminStatePattern}. */
  readonly state: string;
  readonly accountIds: readonly string[];
}

export const delegatedAdminData = (servicePrincipal: string, accountIds: readonly string[]): DelegatedAdminData => {
  const sorted = [...new Set(accountIds)].sort();
  return { id: servicePrincipal, state: sorted.length > 0 ? sorted.join(',') : noDelegatedAdmin, accountIds: sorted };
};

const publicDelegatedAdmin = z.object({ servicePrincipal: z.string(), accountIds: z.array(z.string()) });

/**
 * The delegated administrator of a service (`delegated-admin:<service principal>`), re-read with
 * ListDelegatedAdministrators. Seen from the management account, it is how the loss of a Security
 * Incident Response membership held by a delegated administrator shows at all: deregistering the
 * administrator terminates the membership at once, and only that account can read the membership.
 * Any change of administrators is a move; none is final.
 */
export const delegatedAdminType = defineSubjectType<DelegatedAdminData>({
  kind: 'delegated-admin',
  idPattern: servicePrincipalPattern,
  states: delegatedAdminStatePattern,
  canMove: (from, to) => delegatedAdminStatePattern.test(from) && delegatedAdminStatePattern.test(to) && from !== to,
  isFinal: () => false,
  whenMissing: (id) => ({ record: delegatedAdminData(id, []) }),
  // RegisterDelegatedAdministrator and DeregisterDelegatedAdministrator are the management account's
  // calls; a service first seen with no administrator is no change at all.
  announcedByEvents: ({ from, to }) => !(from === null && to === noDelegatedAdmin),
  published: {
    detailType: detailTypes.delegatedAdministratorChanged,
    field: 'delegatedAdministrator',
    schema: publicDelegatedAdmin,
    describe: ({ id, accountIds }) => ({ servicePrincipal: id, accountIds: [...accountIds] }),
    resources: () => [],
  },
});
