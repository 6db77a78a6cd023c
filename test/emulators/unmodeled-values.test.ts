import {
  DescribeHandshakeCommand,
  InviteAccountToOrganizationCommand,
  ListHandshakesForOrganizationCommand,
} from '@aws-sdk/client-organizations';
import { afterEach, describe, expect, it } from 'vitest';
import { loadServiceModel, validateShape } from '../../shared/local/emulators/model';
import { MANAGEMENT, startOrganizations, type OrganizationsHarness } from './organizations-harness';

describe('the test hook for values outside the model (unmodeledValues)', () => {
  let harness: OrganizationsHarness;

  afterEach(async () => {
    // Every answer still passed the model's validation (with exactly the values shown let through).
    expect(harness.emulator.responseViolations).toEqual([]);
    await harness.stop();
  });

  it('shows the value in every answer about the resource until hidden, and leaves the world as it is', async () => {
    // Prepare
    harness = await startOrganizations();
    const management = harness.client(MANAGEMENT);
    const id = (
      await management.send(new InviteAccountToOrganizationCommand({ Target: { Id: '222222222222', Type: 'ACCOUNT' } }))
    ).Handshake!.Id!;
    const other = (
      await management.send(new InviteAccountToOrganizationCommand({ Target: { Id: '333333333333', Type: 'ACCOUNT' } }))
    ).Handshake!.Id!;
    // Act
    harness.emulator.unmodeledValues.show({ id, member: 'State', value: 'PENDING_REVIEW' });
    const described = await management.send(new DescribeHandshakeCommand({ HandshakeId: id }));
    const listed = await management.send(new ListHandshakesForOrganizationCommand({}));
    harness.emulator.unmodeledValues.hide(id);
    const after = await management.send(new DescribeHandshakeCommand({ HandshakeId: id }));
    // Assess: the SDK hands the value over as a string (AWS SDKs accept enum values they do not know).
    expect(described.Handshake?.State).toBe('PENDING_REVIEW');
    expect(Object.fromEntries((listed.Handshakes ?? []).map((h) => [h.Id, h.State]))).toEqual({
      [id]: 'PENDING_REVIEW',
      [other]: 'OPEN',
    });
    expect(after.Handshake?.State).toBe('OPEN');
  });

  it('refuses a value the model lists and a member that is no enum', async () => {
    harness = await startOrganizations();
    expect(() => harness.emulator.unmodeledValues.show({ id: 'h-0123456789', member: 'State', value: 'OPEN' })).toThrow(
      RangeError,
    );
    expect(() =>
      harness.emulator.unmodeledValues.show({ id: 'h-0123456789', member: 'Arn', value: 'PENDING_REVIEW' }),
    ).toThrow(RangeError);
  });
});

describe("the answers' validation with values shown", () => {
  it('lets through only the values shown, in the enum shapes of their member: the validation is not weakened otherwise', () => {
    const model = loadServiceModel('organizations');
    const allowed = new Map([['HandshakeState', new Set(['PENDING_REVIEW'])]]);
    const handshake = (state: string, action = 'INVITE') => ({
      Handshake: { Id: 'h-0123456789', State: state, Action: action },
    });
    expect(
      validateShape(model, 'DescribeHandshakeResponse', handshake('PENDING_REVIEW'), '', {
        unmodeledEnumValues: allowed,
      }),
    ).toEqual([]);
    expect(validateShape(model, 'DescribeHandshakeResponse', handshake('PENDING_REVIEW'))).toEqual([
      expect.objectContaining({ kind: 'enum', path: 'Handshake.State' }),
    ]);
    expect(
      validateShape(model, 'DescribeHandshakeResponse', handshake('SOMETHING_ELSE'), '', {
        unmodeledEnumValues: allowed,
      }),
    ).toEqual([expect.objectContaining({ kind: 'enum', path: 'Handshake.State' })]);
    expect(
      validateShape(model, 'DescribeHandshakeResponse', handshake('OPEN', 'PENDING_REVIEW'), '', {
        unmodeledEnumValues: allowed,
      }),
    ).toEqual([expect.objectContaining({ kind: 'enum', path: 'Handshake.Action' })]);
  });
});
