// Types both emulators share: what they record of a call, who made it, and the events they put on a
// bus. Each emulator narrows them (e.g. `RecordedCallOf<'organizations'>`) in its own types.ts.
import type { CredentialKind } from './credentials';

/** An event as EventBridge delivers it to a bus (the envelope of every AWS event). */
export interface EmulatedEvent {
  version: '0';
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: Record<string, unknown>;
}

/** One request an emulator of `Service` answered, successful or not, whoever made it. */
export interface RecordedCallOf<Service extends string> {
  service: Service;
  operation: string;
  /** The request as the emulator took it: the JSON body, or for REST-JSON the members bound by name. */
  input: unknown;
  /** The 12-digit account id of the caller. */
  caller: string;
  /** The access key id that signed the request. */
  principal: string;
  /** ISO 8601, from the scenario clock. */
  at: string;
  error?: { name: string; message: string };
}

/** Details of a call beyond its caller, as the HTTP layer knows them. */
export interface CallMeta {
  /** The access key id; default: the scenario key of the caller. */
  principal?: string;
  userAgent?: string;
  sourceIp?: string;
  requestId?: string;
}

/** Who made an API call, as far as CloudTrail's userIdentity goes. */
export interface CallIdentity {
  accountId: string;
  principal: string;
  kind: CredentialKind;
  userAgent: string;
  sourceIp: string;
}
