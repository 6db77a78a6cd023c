import type { CfnTemplate } from '../../../shared/local/template';
import type { Finding } from './findings';
import { busFindings } from './bus';
import { iamFindings } from './iam';
import { replayFindings } from './replay';
import { storageFindings } from './storage';
import { tableWriteFindings } from './table-writes';

export { busFindings } from './bus';
export { checkIds, type CheckId, type Finding } from './findings';
export { iamFindings } from './iam';
export { replayFindings } from './replay';
export { storageFindings } from './storage';
export { tableWriteFindings } from './table-writes';

/** Every security check of a packaged template; empty when the template holds. */
export const securityFindings = (template: CfnTemplate): Finding[] => [
  ...iamFindings(template),
  ...tableWriteFindings(template),
  ...replayFindings(template),
  ...storageFindings(template),
  ...busFindings(template),
];
