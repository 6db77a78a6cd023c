/**
 * What a security check of the packaged template reports. Each check is a function over a template
 * that returns findings (empty: nothing wrong), so that a test can run it on the real template and
 * on a copy widened on purpose, and see it fail.
 */
export const checkIds = [
  // IAM: one role per function, equal to the permissions its actions declare.
  'undeclared-function',
  'shared-role',
  'role-trust',
  'managed-policy',
  'statement-shape',
  'actions-differ',
  'wildcard-action',
  'undeclared-scope',
  'unscoped-resource',
  'log-group',
  // The table: a function writes only the items of the subjects it records (dynamodb:LeadingKeys).
  'table-writes',
  // Replays: only the replay function starts them, only from the input archive.
  'replay-elsewhere',
  'replay-scope',
  // orgwarden's bus: who may put which source (and the audit's continuation), what the alert rule forwards.
  'publish-condition',
  'bus-policy',
  'alert-rule',
  // Data at rest and its survival.
  'table-encryption',
  'table-pitr',
  'table-deletion-protection',
  'table-retention',
  'queue-encryption',
  'topic-encryption',
  'key-rotation',
  'topic-key-policy',
] as const;
export type CheckId = (typeof checkIds)[number];

export interface Finding {
  readonly check: CheckId;
  /** The function, role or resource concerned. */
  readonly where: string;
  readonly detail: string;
}

export const finding = (check: CheckId, where: string, detail: string): Finding => ({ check, where, detail });
