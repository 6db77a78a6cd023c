import { readFileSync } from 'node:fs';
import {
  CreateMemberCommand,
  DeleteMemberCommand,
  DisassociateFromAdministratorAccountCommand,
  DisassociateFromMasterAccountCommand,
  DisassociateMemberCommand,
  GetAdministratorAccountCommand,
  GetMacieSessionCommand,
  GetMemberCommand,
  ListMembersCommand,
  UpdateMemberSessionCommand,
} from '@aws-sdk/client-macie2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MACIE_EVENT_SOURCE, MACIE_SOURCE, type EmulatedEvent } from '../../shared/local/emulators/macie';
import { ADMIN, HOME, ORG_MEMBER, OUTSIDER, startMacie, type MacieHarness } from './macie-harness';

const sample = JSON.parse(
  readFileSync(new URL('../../events/macie/disassociate-member.json', import.meta.url), 'utf8'),
) as EmulatedEvent;
const detailOf = (event: EmulatedEvent | undefined) => event?.detail as Record<string, unknown>;

describe('Macie emulator: CloudTrail records of API calls', () => {
  let h: MacieHarness;

  beforeEach(async () => {
    h = await startMacie();
  });
  afterEach(async () => {
    expect(h.emulator.responseViolations).toEqual([]);
    expect(h.emulator.deliveryErrors).toEqual([]);
    await h.stop();
  });

  it('DisassociateMember is logged in the administrator’s account and the request’s Region, shaped like the recorded sample', async () => {
    // Prepare
    await h.addOrgMember(ORG_MEMBER, 'us-west-2');
    h.delivered.length = 0;

    // Act
    await h.client(ADMIN, 'us-west-2').send(new DisassociateMemberCommand({ id: ORG_MEMBER }));

    // Assess
    expect(h.delivered).toHaveLength(1);
    const [event] = h.delivered;
    expect(event).toMatchObject({
      'detail-type': 'AWS API Call via CloudTrail',
      source: MACIE_SOURCE,
      account: ADMIN,
      region: 'us-west-2',
      resources: [],
    });
    expect(detailOf(event)).toMatchObject({
      eventSource: MACIE_EVENT_SOURCE,
      eventName: 'DisassociateMember',
      awsRegion: 'us-west-2',
      requestParameters: { id: ORG_MEMBER },
      responseElements: null,
      readOnly: false,
      eventType: 'AwsApiCall',
      managementEvent: true,
      recipientAccountId: ADMIN,
      eventCategory: 'Management',
    });
    expect(Object.keys(event!).sort()).toEqual(Object.keys(sample).sort());
    expect(Object.keys(detailOf(event)).sort()).toEqual(Object.keys(detailOf(sample)).sort());
    expect([sample.source, detailOf(sample).eventSource]).toEqual([MACIE_SOURCE, MACIE_EVENT_SOURCE]);
  });

  it('a member’s DisassociateFromAdministratorAccount reaches the member’s bus only, never its administrator’s', async () => {
    // Prepare
    await h.invite(OUTSIDER, 'eu-west-1');
    h.delivered.length = 0;

    // Act
    await h.client(OUTSIDER, 'eu-west-1').send(new DisassociateFromAdministratorAccountCommand({}));

    // Assess
    expect(h.trail()).toEqual([`${OUTSIDER} eu-west-1 DisassociateFromAdministratorAccount`]);
    expect(detailOf(h.delivered[0])).toMatchObject({
      requestParameters: null,
      responseElements: null,
      recipientAccountId: OUTSIDER,
      userIdentity: { accountId: OUTSIDER },
    });
  });

  it('the deprecated DisassociateFromMasterAccount is logged under its own name', async () => {
    // Prepare
    await h.invite(OUTSIDER);
    h.delivered.length = 0;

    // Act
    await h.client(OUTSIDER).send(new DisassociateFromMasterAccountCommand({}));

    // Assess
    expect(h.trail()).toEqual([`${OUTSIDER} ${HOME} DisassociateFromMasterAccount`]);
  });

  it('CreateMember, UpdateMemberSession and DeleteMember carry their request and response', async () => {
    // Act
    await h.client().send(new CreateMemberCommand({ account: { accountId: ORG_MEMBER, email: 'm@example.com' } }));
    await h.client().send(new UpdateMemberSessionCommand({ id: ORG_MEMBER, status: 'PAUSED' }));
    await h.client().send(new DeleteMemberCommand({ id: ORG_MEMBER }));

    // Assess
    expect(
      h.delivered.map((e) => [detailOf(e).eventName, detailOf(e).requestParameters, detailOf(e).responseElements]),
    ).toEqual([
      [
        'CreateMember',
        { account: { accountId: ORG_MEMBER, email: 'm@example.com' } },
        { arn: `arn:aws:macie2:${HOME}:${ADMIN}:member/${ORG_MEMBER}` },
      ],
      ['UpdateMemberSession', { id: ORG_MEMBER, status: 'PAUSED' }, null],
      ['DeleteMember', { id: ORG_MEMBER }, null],
    ]);
  });

  it('Get and List calls are never delivered', async () => {
    // Prepare
    await h.addOrgMember(ORG_MEMBER);
    h.delivered.length = 0;

    // Act
    await h.client().send(new GetMemberCommand({ id: ORG_MEMBER }));
    await h.client().send(new ListMembersCommand({}));
    await h.client().send(new GetMacieSessionCommand({}));
    await h.client(ORG_MEMBER).send(new GetAdministratorAccountCommand({}));
    await h
      .client()
      .send(new GetMemberCommand({ id: OUTSIDER }))
      .catch(() => undefined);

    // Assess
    expect(h.delivered).toEqual([]);
    expect(h.emulator.callsIn(HOME).map((c) => c.operation)).toContain('ListMembers');
  });

  it('a failed mutating call is delivered with errorCode and errorMessage, and no response', async () => {
    // Act
    await h
      .client()
      .send(new DisassociateMemberCommand({ id: OUTSIDER }))
      .catch(() => undefined);
    await h
      .client(OUTSIDER)
      .send(new DisassociateFromAdministratorAccountCommand({}))
      .catch(() => undefined);

    // Assess
    expect(h.trail()).toEqual([
      `${ADMIN} ${HOME} DisassociateMember:ResourceNotFoundException`,
      `${OUTSIDER} ${HOME} DisassociateFromAdministratorAccount:AccessDeniedException`,
    ]);
    expect(detailOf(h.delivered[0])).toMatchObject({
      errorMessage: expect.stringContaining(OUTSIDER),
      requestParameters: { id: OUTSIDER },
      responseElements: null,
    });
    expect(detailOf(h.delivered[1]).errorMessage).toBe('Macie is not enabled.');
  });

  it('calls refused before they reach Macie (a disabled Region, a suspended account) leave no record', async () => {
    // Prepare
    await h.addOrgMember(ORG_MEMBER);
    h.emulator.disableRegion(ORG_MEMBER, HOME);
    h.emulator.suspendAccount(OUTSIDER);
    h.delivered.length = 0;

    // Act
    await h
      .client(ORG_MEMBER)
      .send(new DisassociateFromAdministratorAccountCommand({}))
      .catch(() => undefined);
    await h
      .client(OUTSIDER, 'us-west-2')
      .send(new DisassociateFromAdministratorAccountCommand({}))
      .catch(() => undefined);

    // Assess
    expect(h.delivered).toEqual([]);
  });

  it('a subscriber that throws fails no call: the event is kept with its error', async () => {
    // Prepare
    const failing = await startMacie({ onEvent: () => Promise.reject(new Error('bus down')) });
    try {
      // Act
      await failing
        .client()
        .send(new CreateMemberCommand({ account: { accountId: ORG_MEMBER, email: 'm@example.com' } }));

      // Assess
      expect(failing.emulator.events).toHaveLength(1);
      expect(failing.emulator.deliveryErrors).toHaveLength(1);
    } finally {
      await failing.stop();
    }
  });

  it('deliveryFaults apply to Macie records: a dropped record never arrives, a delayed one arrives at the next tick past its due time', async () => {
    // Prepare
    const lossy = await startMacie({ deliveryFaults: { drop: 1, only: ['DisassociateMember'] } });
    const late = await startMacie({ deliveryFaults: { delay: { rate: 1, maxSeconds: 60 } } });
    try {
      await lossy.addOrgMember(ORG_MEMBER);
      await late.addOrgMember(ORG_MEMBER);

      // Act
      await lossy.client().send(new DisassociateMemberCommand({ id: ORG_MEMBER }));
      const held = late.delivered.length;
      late.advanceSeconds(61);
      await late.emulator.tick();

      // Assess
      expect(lossy.trail()).toEqual([`${ADMIN} ${HOME} CreateMember`]);
      expect(lossy.emulator.droppedEvents.map((d) => detailOf(d.event).eventName)).toEqual(['DisassociateMember']);
      expect(held).toBe(0);
      expect(late.trail()).toEqual([`${ADMIN} ${HOME} CreateMember`]);
    } finally {
      await lossy.stop();
      await late.stop();
    }
  });
});
