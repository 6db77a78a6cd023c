import { readdirSync, readFileSync } from 'node:fs';
import {
  CreateMemberCommand,
  DeleteMemberCommand,
  DisassociateFromAdministratorAccountCommand,
  DisassociateFromMasterAccountCommand,
  DisassociateMemberCommand,
  UpdateMemberSessionCommand,
} from '@aws-sdk/client-macie2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EmulatedEvent } from '../../shared/local/emulators/macie';
import { ADMIN, ORG_MEMBER, startMacie, type MacieHarness } from './macie-harness';

const samplesDir = new URL('../../events/macie/', import.meta.url);
const samples = readdirSync(samplesDir).filter((name) => name.endsWith('.json'));
const readSample = (name: string): EmulatedEvent =>
  JSON.parse(readFileSync(new URL(name, samplesDir), 'utf8')) as EmulatedEvent;
const detailOf = (event: EmulatedEvent): Record<string, unknown> => event.detail;

/**
 * Makes, in the emulator, the call a sample records (same accounts and Region) and returns the
 * record the emulator logged for it. The samples' administrator is 111111111111 (ADMIN) and their
 * member 222222222222 (ORG_MEMBER); calls the member makes itself need it invited, not associated
 * through AWS Organizations.
 */
async function replay(h: MacieHarness, sample: EmulatedEvent): Promise<EmulatedEvent | undefined> {
  const { region } = sample;
  const admin = h.client(ADMIN, region);
  const name = detailOf(sample).eventName as string;
  if (name === 'DisassociateFromAdministratorAccount' || name === 'DisassociateFromMasterAccount') {
    h.organization.delete(ORG_MEMBER);
    await h.invite(ORG_MEMBER, region);
  } else if (name !== 'CreateMember') {
    await h.addOrgMember(ORG_MEMBER, region);
  }
  h.delivered.length = 0;
  const member = h.client(ORG_MEMBER, region);
  const request = detailOf(sample).requestParameters as {
    id?: string;
    status?: 'PAUSED' | 'ENABLED';
    account?: { accountId: string; email: string };
  } | null;
  switch (name) {
    case 'CreateMember':
      await admin.send(new CreateMemberCommand({ account: request!.account! }));
      break;
    case 'DeleteMember':
      await admin.send(new DeleteMemberCommand({ id: request!.id! }));
      break;
    case 'DisassociateMember':
      await admin.send(new DisassociateMemberCommand({ id: request!.id! }));
      break;
    case 'UpdateMemberSession':
      await admin.send(new UpdateMemberSessionCommand({ id: request!.id!, status: request!.status! }));
      break;
    case 'DisassociateFromAdministratorAccount':
      await member.send(new DisassociateFromAdministratorAccountCommand({}));
      break;
    case 'DisassociateFromMasterAccount':
      await member.send(new DisassociateFromMasterAccountCommand({}));
      break;
    default:
      throw new Error(`No replay for ${name}`);
  }
  return h.delivered.at(-1);
}

describe('events/macie samples against the emulator’s records', () => {
  let h: MacieHarness;

  beforeEach(async () => {
    h = await startMacie();
  });
  afterEach(async () => {
    expect(h.emulator.responseViolations).toEqual([]);
    await h.stop();
  });

  it('covers the member changes orgwarden watches', () => {
    expect(samples.map((file) => detailOf(readSample(file)).eventName).sort()).toEqual(
      [
        'CreateMember',
        'DeleteMember',
        'DisassociateFromAdministratorAccount',
        'DisassociateFromMasterAccount',
        'DisassociateMember',
        'UpdateMemberSession',
      ].sort(),
    );
  });

  it.each(samples)(
    '%s: the emulator logs the same call with the same envelope, fields, request and response',
    async (file) => {
      // Prepare
      const sample = readSample(file);

      // Act
      const logged = await replay(h, sample);

      // Assess
      expect(logged).toBeDefined();
      expect(Object.keys(logged!).sort()).toEqual(Object.keys(sample).sort());
      expect(Object.keys(detailOf(logged!)).sort()).toEqual(Object.keys(detailOf(sample)).sort());
      const pick = (event: EmulatedEvent) => ({
        'detail-type': event['detail-type'],
        source: event.source,
        account: event.account,
        region: event.region,
        resources: event.resources,
        ...Object.fromEntries(
          [
            'eventSource',
            'eventName',
            'awsRegion',
            'requestParameters',
            'responseElements',
            'recipientAccountId',
            'readOnly',
            'eventVersion',
          ].map((k) => [k, detailOf(event)[k]]),
        ),
      });
      expect(pick(logged!)).toEqual(pick(sample));
      // How EventBridge fills the envelope from a CloudTrail record.
      expect([sample.account, sample.region, sample.time]).toEqual([
        detailOf(sample).recipientAccountId,
        detailOf(sample).awsRegion,
        detailOf(sample).eventTime,
      ]);
    },
  );
});
