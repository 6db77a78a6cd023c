// The credential convention of the whole local stack: both emulators and the scenario runner name
// callers the same way, so it lives beside neither emulator.

/** Which kind of actor a credential stands for in the local stack. */
export type CredentialKind = 'orgwarden' | 'scenario';

/** The caller behind a request, as the emulator derives it from the SigV4 credential. */
export interface Caller {
  /** The 12-digit account id of the caller. */
  accountId: string;
  /** The access key id that signed the request. */
  principal: string;
  kind: CredentialKind;
}

const PREFIX: Record<CredentialKind, string> = { orgwarden: 'ORGWARDEN', scenario: 'SCENARIO' };
const ACCESS_KEY = /^(ORGWARDEN|SCENARIO)(\d{12})$/;

/**
 * Credentials that make the emulators see `accountId` as the caller.
 *
 * Convention: the access key id is `ORGWARDEN<account id>` for orgwarden's own functions and
 * `SCENARIO<account id>` for a scenario step acting as some account (the management account, a
 * member, an outside account). The emulators do not verify signatures: the local stack has no IAM,
 * the key id only names the caller.
 *
 * @param accountId - the 12-digit account id the requests should come from
 * @param kind - `orgwarden` for the system under test, `scenario` for the world around it
 */
export function credentialsFor(
  accountId: string,
  kind: CredentialKind,
): { accessKeyId: string; secretAccessKey: string } {
  if (!/^\d{12}$/.test(accountId)) throw new Error(`An account id has 12 digits, got "${accountId}"`);
  return { accessKeyId: `${PREFIX[kind]}${accountId}`, secretAccessKey: `local-${kind}-secret` };
}

/**
 * Reads the caller from an access key id built by {@link credentialsFor}; undefined when the key id
 * does not follow the convention (the emulators then answer `UnrecognizedClientException`).
 *
 * @param accessKeyId - the access key id
 */
export function callerFromAccessKey(accessKeyId: string): Caller | undefined {
  const match = ACCESS_KEY.exec(accessKeyId);
  if (!match) return undefined;
  return { accountId: match[2]!, principal: accessKeyId, kind: match[1] === 'ORGWARDEN' ? 'orgwarden' : 'scenario' };
}

/**
 * Reads the access key id from a SigV4 `Authorization` header
 * (`AWS4-HMAC-SHA256 Credential=<key id>/<date>/<region>/<service>/aws4_request, ...`).
 *
 * @param authorization - the header value, if any
 */
export function accessKeyIdFromAuthorization(authorization: string | undefined): string | undefined {
  return /Credential=([^/,\s]+)\//.exec(authorization ?? '')?.[1];
}
