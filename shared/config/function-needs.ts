import { adapterPermissions, type AdapterName, type FunctionName } from '../adapters/permissions';
import { auditCapabilities } from './capabilities/audit';
import type { Capabilities } from './capabilities/capabilities';
import { expirySweepCapabilities } from './capabilities/expiry-sweep';
import { handshakeChangedCapabilities } from './capabilities/handshake-changed';
import { macieMemberChangedCapabilities } from './capabilities/macie-member-changed';
import { membershipChangedCapabilities } from './capabilities/membership-changed';
import { replayCapabilities } from './capabilities/replay';

export type { FunctionName } from '../adapters/permissions';

/**
 * Every function's capabilities, by name. Read at packaging time (shared/config/role-policies.cjs
 * renders each role from them) and by the tests; a function's bundle imports its own list only.
 */
export const functionCapabilities: Readonly<Record<FunctionName, Capabilities>> = {
  'handshake-changed': handshakeChangedCapabilities,
  'expiry-sweep': expirySweepCapabilities,
  replay: replayCapabilities,
  audit: auditCapabilities,
  'membership-changed': membershipChangedCapabilities,
  'macie-member-changed': macieMemberChangedCapabilities,
};

/** What a function is wired with: its adapters (its readers' included) and the actions of its effects. */
export interface FunctionNeeds {
  readonly adapters: readonly AdapterName[];
  readonly effects: readonly string[];
}

/** The needs a list of capabilities gives. */
export const needsOf = (listed: Capabilities): FunctionNeeds => ({
  adapters: [
    ...new Set([...listed.readers.flatMap((reader) => (reader.adapter ? [reader.adapter] : [])), ...listed.adapters]),
  ],
  effects: listed.effects.map((effect) => effect.action),
});

/** The adapters and effects each function is wired with; its role must grant exactly their actions. */
export const functionNeeds: Readonly<Record<FunctionName, FunctionNeeds>> = Object.fromEntries(
  Object.entries(functionCapabilities).map(([name, listed]) => [name, needsOf(listed)]),
) as Record<FunctionName, FunctionNeeds>;

/** The IAM actions a list of capabilities needs: its adapters' and its effects', sorted, once each. */
export const permissionsOfCapabilities = (listed: Capabilities): string[] =>
  [
    ...new Set([
      ...needsOf(listed).adapters.flatMap((adapter) => adapterPermissions[adapter]),
      ...listed.effects.flatMap((effect) => effect.permissions),
    ]),
  ].sort();

/** The IAM actions a function's role grants (besides writing its own logs). */
export const permissionsOf = (fn: FunctionName): string[] => permissionsOfCapabilities(functionCapabilities[fn]);
