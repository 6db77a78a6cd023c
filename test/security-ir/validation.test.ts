import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  BatchGetMemberAccountDetailsCommand,
  CreateCaseCommand,
  CreateCaseCommentCommand,
  GetMembershipCommand,
  ListCasesCommand,
  UpdateCaseStatusCommand,
  UpdateMembershipCommand,
  type UpdateCaseStatusCommandInput,
} from '../../shared/adapters/security-ir';
import * as constraints from '../../shared/adapters/security-ir/generated/constraints';
import {
  SecurityIRValidationError,
  validateInput,
  type InputRules,
} from '../../shared/adapters/security-ir/validation';
import { startCaptureServer, type CaptureServer } from './support/capture-server';
import { testClient } from './support/client';
import { CASE_ID, commandFor, MEMBERSHIP_ID, validInputs, type OperationName } from './support/inputs';

describe('Security IR inputs are checked against the model before anything is sent', () => {
  let server: CaptureServer;
  beforeAll(async () => {
    server = await startCaptureServer();
  });
  beforeEach(() => {
    server.requests.length = 0;
  });
  afterAll(async () => {
    await server.close();
  });

  /** Sends a command built by `make` and returns the refusal, after checking that nothing reached the server. */
  const refusal = async (make: () => { input: object }) => {
    const command = make() as ReturnType<typeof commandFor>;
    const error = await testClient(server.endpoint)
      .send(command)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SecurityIRValidationError);
    expect(server.requests).toHaveLength(0);
    return error as SecurityIRValidationError;
  };

  it.each(Object.keys(validInputs) as OperationName[])('%s: the valid sample passes', (name) => {
    // Prepare, Act
    const rules = (constraints as Record<string, InputRules | undefined>)[`${name}$rules`];
    const issues = validateInput(rules, validInputs[name]);

    // Assess
    expect(rules?.type).toBe('structure');
    expect(issues).toEqual([]);
  });

  it('refuses a membershipId that does not match m-[a-z0-9]{10,32}', async () => {
    // Prepare
    const command = () => new GetMembershipCommand({ membershipId: 'membership-1' });

    // Act
    const error = await refusal(command);

    // Assess
    expect(error.operation).toBe('GetMembership');
    expect(error.fields).toEqual(['membershipId']);
    expect(error.message).toContain('membershipId must match the pattern m-[a-z0-9]{10,32}');
  });

  it('refuses an account id that is not 12 digits, naming the list item', async () => {
    // Prepare
    const command = () =>
      new BatchGetMemberAccountDetailsCommand({
        membershipId: MEMBERSHIP_ID,
        accountIds: ['111122223333', '12345678901', '12345678901x'],
      });

    // Act
    const error = await refusal(command);

    // Assess
    expect(error.issues).toEqual([
      { path: 'accountIds[1]', message: 'must have at least 12 characters (has 11)' },
      { path: 'accountIds[1]', message: 'must match the pattern [0-9]{12}' },
      { path: 'accountIds[2]', message: 'must match the pattern [0-9]{12}' },
    ]);
  });

  it('refuses 6 OUs to add (the model allows 1 to 5)', async () => {
    // Prepare
    const ous = [
      'ou-aa11-aaaaaaaa',
      'ou-bb22-bbbbbbbb',
      'ou-cc33-cccccccc',
      'ou-dd44-dddddddd',
      'ou-ee55-eeeeeeee',
      'ou-ff66-ffffffff',
    ];
    const command = () =>
      new UpdateMembershipCommand({
        membershipId: MEMBERSHIP_ID,
        membershipAccountsConfigurationsUpdate: { organizationalUnitsToAdd: ous },
      });

    // Act
    const error = await refusal(command);

    // Assess
    expect(error.issues).toEqual([
      {
        path: 'membershipAccountsConfigurationsUpdate.organizationalUnitsToAdd',
        message: 'must have at most 5 items (has 6)',
      },
    ]);
  });

  it('refuses an OU id that does not match the OU pattern', async () => {
    // Prepare
    const command = () =>
      new UpdateMembershipCommand({
        membershipId: MEMBERSHIP_ID,
        membershipAccountsConfigurationsUpdate: { organizationalUnitsToRemove: ['r-abcd'] },
      });

    // Act
    const error = await refusal(command);

    // Assess
    expect(error.fields).toEqual(['membershipAccountsConfigurationsUpdate.organizationalUnitsToRemove[0]']);
  });

  it('refuses a value outside the enum', async () => {
    // Prepare: Closed is a CaseStatus, but not a SelfManagedCaseStatus that UpdateCaseStatus takes.
    const command = () =>
      new UpdateCaseStatusCommand({ caseId: CASE_ID, caseStatus: 'Closed' } as unknown as UpdateCaseStatusCommandInput);

    // Act
    const error = await refusal(command);

    // Assess
    expect(error.fields).toEqual(['caseStatus']);
    expect(error.message).toContain('must be one of "Submitted", "Detection and Analysis"');
  });

  it('refuses missing required members, lengths and ranges, reporting them all at once', async () => {
    // Prepare
    const { watchers: _w, ...input } = validInputs.CreateCase;
    const command = () =>
      new CreateCaseCommand({ ...input, title: '', impactedAwsRegions: [{ region: 'mars-north-1' }] } as never);

    // Act
    const error = await refusal(command);

    // Assess
    expect(error.issues).toEqual([
      { path: 'watchers', message: 'is required' },
      { path: 'title', message: 'must have at least 1 characters (has 0)' },
      { path: 'impactedAwsRegions[0].region', message: expect.stringContaining('must be one of') as string },
    ]);
  });

  it('refuses maxResults outside 1..25 and an empty comment body', async () => {
    // Prepare, Act
    const list = await refusal(() => new ListCasesCommand({ maxResults: 26 }));
    const comment = await refusal(() => new CreateCaseCommentCommand({ caseId: CASE_ID, body: '' }));

    // Assess
    expect(list.issues).toEqual([{ path: 'maxResults', message: 'must be at most 25' }]);
    expect(comment.fields).toEqual(['body']);
  });

  it('refuses members of the wrong type, nested ones included, before anything is sent', async () => {
    // Prepare
    const input = {
      ...validInputs.CreateMembership,
      tags: 'owner=security',
      membershipName: ['orgwarden'],
      incidentResponseTeam: [{ name: 'A', jobTitle: 'B', email: { at: 'x' } }],
    };

    // Act
    const error = await refusal(() => commandFor('CreateMembership', input));

    // Assess
    expect(error.fields).toEqual(expect.arrayContaining(['tags', 'membershipName', 'incidentResponseTeam[0].email']));
    expect(error.issues.find((i) => i.path === 'tags')?.message).toBe('must be a map');
  });

  it('refuses an invalid Date', async () => {
    // Prepare
    const command = () =>
      commandFor('CreateCase', { ...validInputs.CreateCase, reportedIncidentStartDate: new Date('not a date') });

    // Act
    const error = await refusal(command);

    // Assess
    expect(error.issues).toEqual([{ path: 'reportedIncidentStartDate', message: 'must be a valid Date' }]);
  });

  it('is an Error that is not retried and does not go through the network', async () => {
    // Prepare
    const command = () => new GetMembershipCommand({ membershipId: '' });

    // Act
    const error = await refusal(command);

    // Assess
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('SecurityIRValidationError');
  });
});
