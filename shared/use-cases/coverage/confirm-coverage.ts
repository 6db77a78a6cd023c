import { ledgerEntryOf, type LedgerEntry } from '../../domain/ledger';
import { coverageData } from '../../domain/subjects/coverage';
import { outcomeOfError, type EffectOutcome, type Effect } from '../effects/effect';
import {
  confirmDelayMs,
  keySuffixOf,
  maxConfirmations,
  outcomeOf,
  sameAccount,
  type ConfirmCoveragePayload,
  type CoverageDeps,
} from './coverage-steps';
export { confirmDelayMs, maxConfirmations, type ConfirmCoveragePayload } from './coverage-steps';

/**
 * `confirm-coverage`: due in the due-time index some time after orgwarden changed the coverage; the
 * sweep (or any invocation touching the account) takes it over. Covered: `Reaction Executed`. Not yet:
 * the next confirmation is scheduled as a new entry (never a retry: a confirmation that is early is
 * not a failure). After the last one: `Reaction Failed`. An account that left meanwhile is left alone.
 * Each reading is recorded as the account's coverage subject.
 */
export const confirmCoverage: Effect<CoverageDeps, ConfirmCoveragePayload> = {
  action: 'confirm-coverage',
  permissions: ['security-ir:BatchGetMemberAccountDetails', 'organizations:DescribeAccount'],
  // Never planned itself: a check (or the account's cover, or an earlier confirmation) schedules it, for the same
  // account.
  followUpOf: { action: 'check-coverage', sameTarget: sameAccount },
  async run(deps, entries: readonly LedgerEntry<ConfirmCoveragePayload>[]): Promise<EffectOutcome[]> {
    const outcomes: EffectOutcome[] = [];
    for (const entry of entries) {
      const { accountId, membershipId, attempt } = entry.payload;
      try {
        if (!(await deps.accounts().memberAccount(accountId))) {
          outcomes.push({ status: 'done' });
          continue;
        }
        const [coverage] = await deps.securityIr().getAccountCoverage(membershipId, [accountId]);
        // What it read is the account's coverage, as a check's reading is: between two audits it may
        // be the only sight of a coverage that lasts less than their interval.
        await deps.record?.(
          entry.id,
          coverageData(accountId, membershipId, coverage?.status ?? 'Unknown', coverage?.error?.code),
          Math.max(1_000, Date.parse(entry.leaseUntil) - deps.clock.now().getTime()),
        );
        const now = deps.clock.now();
        if (coverage?.status === 'Associated') {
          outcomes.push({
            status: 'done',
            followUps: [
              outcomeOf(
                entry,
                'executed',
                now,
                accountId,
                `account ${accountId} is covered by ${membershipId} (confirmation ${attempt})`,
              ),
            ],
          });
          continue;
        }
        if (attempt >= maxConfirmations) {
          const reason =
            `account ${accountId} is still not covered by ${membershipId} after ${attempt} ` +
            `confirmations (${coverage?.status ?? 'Unknown'})`;
          outcomes.push({
            status: 'failed',
            failure: { name: 'CoverageNotConfirmedError', message: reason },
            followUps: [outcomeOf(entry, 'failed', now, accountId, reason)],
          });
          continue;
        }
        // The key ends with the attempt number: the next confirmation is another entry.
        const base = keySuffixOf(entry).replace(/:\d+$/, '');
        const next = ledgerEntryOf(
          entry.subject,
          entry.version,
          {
            action: 'confirm-coverage',
            key: `confirm-coverage${base}:${attempt + 1}`,
            payload: { ...entry.payload, attempt: attempt + 1 },
          },
          now,
          new Date(now.getTime() + confirmDelayMs(attempt + 1)).toISOString(),
        );
        await deps.schedule([next]);
        outcomes.push({ status: 'done' });
      } catch (error) {
        outcomes.push(
          outcomeOfError(error, (refusal) => [
            outcomeOf(entry, 'failed', deps.clock.now(), accountId, refusal.message),
          ]),
        );
      }
    }
    return outcomes;
  },
};
