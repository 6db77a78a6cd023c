import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { compileEventPattern, type EventMatcher } from '../event-pattern/matcher';
import { projectRoot } from '../template';
import type { BusEvent } from './event-bus';

/** The forwarding rule a watched Region other than the home Region runs (shared/infra/macie-forwarder.yml). */
export const forwarderTemplatePath = join(projectRoot, 'shared', 'infra', 'macie-forwarder.yml');

interface ForwarderTemplate {
  readonly Resources: { readonly ForwardMacieMemberCalls: { readonly Properties: { readonly EventPattern: unknown } } };
}

/** The event pattern of the regional forwarding rule, as deployed. */
export const forwarderPattern = (): unknown =>
  (parse(readFileSync(forwarderTemplatePath, 'utf8')) as ForwarderTemplate).Resources.ForwardMacieMemberCalls.Properties
    .EventPattern;

/** An event that went to a bus orgwarden has no rule on: another account's, or a Region without a forwarder. */
export interface UnroutedEvent {
  readonly account: string;
  readonly region: string;
  readonly event: BusEvent;
}

/**
 * Where the Macie emulator's events go, as EventBridge would take them: each CloudTrail record to the
 * default bus of its own account in its own Region. orgwarden's account in the home Region: its
 * default bus, where the rules are. orgwarden's account in another watched Region: the forwarding
 * rule of shared/infra/macie-forwarder.yml (its real pattern) puts what it matches on the home default
 * bus, keeping the event's `region`. Everything else (a member's own calls, logged in the member's
 * account; a Region nobody watches) reaches no orgwarden rule: it is kept in `elsewhere` for tests.
 */
export const macieRouter = (options: {
  readonly accountId: string;
  readonly homeRegion: string;
  readonly watchedRegions: readonly string[];
  readonly deliver: (event: BusEvent) => void;
  readonly elsewhere: UnroutedEvent[];
}): ((event: BusEvent) => void) => {
  const forwards: EventMatcher = compileEventPattern(forwarderPattern());
  return (event) => {
    const toHome =
      event.account === options.accountId &&
      (event.region === options.homeRegion || (options.watchedRegions.includes(event.region) && forwards(event)));
    if (toHome) options.deliver(event);
    else options.elsewhere.push({ account: event.account, region: event.region, event });
  };
};
