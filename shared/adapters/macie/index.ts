export { AwsMacie } from './aws-macie';
export type { AwsMacieOptions } from './aws-macie';
export { maciePermissions } from './permissions';
