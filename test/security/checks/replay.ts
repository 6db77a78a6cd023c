import type { ResourceScope } from '../../../shared/adapters/permission-scopes';
import { functionsOf, type CfnTemplate } from '../../../shared/local/template';
import { finding, type Finding } from './findings';
import { arnOf, describe, scopeOfResource } from './resources';
import { coversAction, grantedStatements } from './statements';

/** The function that re-drives archived events; nothing else may start a replay. */
export const REPLAY_FUNCTION = 'replay';
const START_REPLAY = 'events:StartReplay';
/**
 * The input archive, the bus it replays to (its source, the default bus) and the replays: the three types StartReplay
 * requires.
 */
const REPLAY_SCOPES: readonly ResourceScope[] = ['input-archive', 'default-bus', 'replays'];

/**
 * A replay re-delivers a window of past AWS events to orgwarden's rules: whoever can start one can
 * make orgwarden act again on old events. Only the replay function's role may grant
 * `events:StartReplay` (by name or by any wildcard that covers it, or through `NotAction`), and only
 * on the input archive (with the default bus it replays to, and the replays). Every identity policy of the template is
 * looked at, not only functions' roles.
 */
export const replayFindings = (template: CfnTemplate): Finding[] => {
  const replay = functionsOf(template).find((fn) => fn.name === REPLAY_FUNCTION);
  const replayRole = replay ? arnOf(template.Resources[replay.logicalId]?.Properties?.Role) : null;
  const findings: Finding[] = [];
  for (const statement of grantedStatements(template)) {
    if (statement.effect !== 'Allow') continue;
    const named = statement.actions.some((action) => coversAction(action, START_REPLAY));
    // NotAction allows every action it does not name.
    if (statement.notAction ? named : !named) continue;
    const where = `${statement.source}${statement.sid ? ` ${statement.sid}` : ''}`;
    for (const grantee of statement.grantees) {
      if (grantee !== replayRole)
        findings.push(
          finding('replay-elsewhere', where, `${grantee} may start replays (${statement.actions.join(', ')})`),
        );
    }
    if (!statement.grantees.includes(replayRole ?? '')) continue;
    for (const resource of statement.resources) {
      const scope = scopeOfResource(template, resource);
      if (statement.negated || !scope || !REPLAY_SCOPES.includes(scope))
        findings.push(
          finding(
            'replay-scope',
            where,
            `StartReplay on ${describe(resource)}, not the input archive, the default bus or a replay`,
          ),
        );
    }
  }
  return findings;
};
