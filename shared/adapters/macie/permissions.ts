/**
 * The IAM actions `AwsMacie` needs, declared beside the calls (see `../permissions.ts`, which lists
 * every adapter's). Macie's actions are regional: a role needs them in each Region orgwarden
 * watches (the resource is `*`, or the member ARNs).
 *
 * - reader: GetMember, and ListMembers (every page; `onlyAssociated=false`);
 * - members: CreateMember, and GetMember to skip an account already associated and to find the
 *   email of an invitation-based member when none is given. CreateMember needs `macie2:TagResource`
 *   only with tags, which it never sends.
 */
export const maciePermissions = {
  macieReader: ['macie2:GetMember', 'macie2:ListMembers'],
  macieMembers: ['macie2:CreateMember', 'macie2:GetMember'],
} as const satisfies Record<string, readonly string[]>;
