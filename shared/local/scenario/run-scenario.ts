import * as organizationsSdk from '@aws-sdk/client-organizations';
import * as securityIrSdk from '../../adapters/security-ir';
import { credentialsFor } from '../emulators/common/credentials';
import { reviveTimestamps } from '../emulators/security-ir';
import type { BusEvent } from '../stack/event-bus';
import type { LocalStack } from '../stack/local-stack';
import { interpolate, ScenarioError, type Scenario, type ScenarioStep } from './scenario';

/** One line of the timeline: a step, or something orgwarden did in answer to it. */
export interface TimelineEntry {
  readonly at: string;
  readonly kind: 'api' | 'event' | 'time' | 'delivery' | 'emitted' | 'dead-letter';
  readonly text: string;
}

type SdkClient = { send(command: unknown): Promise<unknown>; destroy(): void };
type CommandClass = new (input: unknown) => unknown;

const sdkOf = (service: string): { Client: new (config: object) => SdkClient; commands: Record<string, unknown> } => {
  switch (service) {
    case 'organizations':
      return { Client: organizationsSdk.OrganizationsClient, commands: organizationsSdk };
    case 'security-ir':
      return { Client: securityIrSdk.SecurityIRClient, commands: securityIrSdk };
    default:
      throw new ScenarioError(`no emulator for service ${service}`);
  }
};

/**
 * Plays a scenario against a local stack, step by step, waiting after each for every reaction to
 * finish, and returns the timeline of what happened.
 */
export const runScenario = async (scenario: Scenario, stack: LocalStack): Promise<TimelineEntry[]> => {
  const timeline: TimelineEntry[] = [];
  const saved: Record<string, unknown> = {};
  const clients = new Map<string, SdkClient>();
  const seen = { deliveries: 0, emitted: 0, deadLetters: 0 };
  const clientFor = (service: string, caller: string): SdkClient => {
    const key = `${service}:${caller}`;
    const existing = clients.get(key);
    if (existing) return existing;
    const { Client } = sdkOf(service);
    const endpoint = service === 'organizations' ? stack.endpoints.organizations : stack.endpoints.securityIr;
    const client = new Client({ region: 'us-east-1', endpoint, credentials: credentialsFor(caller, 'scenario'), maxAttempts: 1 });
    clients.set(key, client);
    return client;
  };
  const now = (): string => stack.clock.now().toISOString();

  const play = async (step: ScenarioStep): Promise<void> => {
    if ('advanceTo' in step) {
      const fired = await stack.advanceTo(new Date(step.advanceTo));
      timeline.push({ at: now(), kind: 'time', text: `time passes to ${step.advanceTo}${fired > 0 ? ` (${fired} scheduled events)` : ''}` });
      return;
    }
    if (step.at) await stack.advanceTo(new Date(step.at));
    if ('api' in step) {
      const { service, operation, caller = stack.managementAccountId } = step.api;
      const Command = sdkOf(service).commands[`${operation}Command`] as CommandClass | undefined;
      if (typeof Command !== 'function') throw new ScenarioError(`${service} has no operation ${operation}`);
      // JSON has no dates: Security IR's timestamp members are written as ISO 8601 strings.
      const input = service === 'security-ir' ? reviveTimestamps(operation, interpolate(step.api.input, saved)) : interpolate(step.api.input, saved);
      try {
        const output = await clientFor(service, caller).send(new Command(input));
        if (step.save) saved[step.save] = output;
        timeline.push({ at: now(), kind: 'api', text: `${caller} ${service}:${operation}${step.save ? ` (saved as ${step.save})` : ''}` });
      } catch (error) {
        const name = error instanceof Error ? error.name : 'Error';
        timeline.push({ at: now(), kind: 'api', text: `${caller} ${service}:${operation} failed: ${name}` });
      }
      return;
    }
    const event = interpolate(step.event, saved) as unknown as BusEvent;
    for (let i = 0; i < (step.times ?? 1); i++) stack.bus.put('default', event);
    timeline.push({ at: now(), kind: 'event', text: `event ${event.source} ${String(event['detail-type'])}${step.times ? ` x${step.times}` : ''}` });
  };

  if (scenario.securityIr) stack.securityIr.injectFailures(scenario.securityIr.failures);
  for (const account of scenario.outsideAccounts ?? []) stack.organizations.registerOutsideAccount(account);
  try {
    for (const step of scenario.steps) {
      await play(step);
      await stack.bus.settle();
      for (const delivery of stack.bus.deliveries.slice(seen.deliveries)) {
        const outcome = delivery.outcome === 'ok' ? summarize(delivery.result) : `failed after ${delivery.attempts} attempts: ${delivery.error?.name}`;
        timeline.push({ at: now(), kind: 'delivery', text: `  -> ${delivery.functionName}: ${outcome}` });
      }
      for (const emitted of stack.bus.emitted.slice(seen.emitted)) {
        timeline.push({ at: now(), kind: 'emitted', text: `  <- ${emitted['detail-type']} ${describe(emitted.detail)}` });
      }
      for (const letter of stack.deadLetters.slice(seen.deadLetters)) {
        timeline.push({ at: now(), kind: 'dead-letter', text: `  !! dead letter from ${letter.functionName}: ${letter.error.name}: ${letter.error.message}` });
      }
      seen.deliveries = stack.bus.deliveries.length;
      seen.emitted = stack.bus.emitted.length;
      seen.deadLetters = stack.deadLetters.length;
    }
  } finally {
    for (const client of clients.values()) client.destroy();
  }
  return timeline;
};

const summarize = (result: unknown): string => {
  if (!result || typeof result !== 'object') return 'ok';
  const r = result as { ignored?: string; outcome?: string; recorded?: Array<{ subject: string; outcome: string }>; published?: number };
  if (r.ignored) return `ignored (${r.ignored})`;
  if (r.outcome === 'dead-lettered') return 'dead-lettered';
  if (r.recorded) return r.recorded.map((x) => `${x.subject} ${x.outcome}`).join(', ') || 'nothing to record';
  return 'ok';
};

const describe = (detail: unknown): string => {
  const d = (detail ?? {}) as { subject?: string; before?: string | null; after?: string };
  return d.subject ? `${d.subject} ${d.before ?? '(new)'} -> ${d.after}` : '';
};
