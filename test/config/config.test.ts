import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../shared/config/config';
import { ConfigurationError } from '../../shared/domain/errors';

const complete = {
  TABLE_NAME: 'orgwarden-dev-state',
  EVENT_BUS_NAME: 'orgwarden-dev',
  DEAD_LETTER_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/111111111111/orgwarden-dev-dlq',
  AWS_REGION: 'us-east-1',
};

describe('loadConfig', () => {
  it('parses a complete environment, with the stage defaulted', () => {
    expect(loadConfig(complete)).toEqual({
      ...complete,
      ORGWARDEN_STAGE: 'dev',
      JOURNAL_RETENTION_DAYS: 90,
      MACIE_REGIONS: [],
      MANAGEMENT_ACCOUNT_ID: '',
    });
  });

  it('reads MANAGEMENT_ACCOUNT_ID as an account id or empty (a deployment to the management account), and refuses anything else', () => {
    expect(loadConfig({ ...complete, MANAGEMENT_ACCOUNT_ID: '111111111111' }).MANAGEMENT_ACCOUNT_ID).toBe(
      '111111111111',
    );
    expect(loadConfig({ ...complete, MANAGEMENT_ACCOUNT_ID: '' }).MANAGEMENT_ACCOUNT_ID).toBe('');
    expect(() => loadConfig({ ...complete, MANAGEMENT_ACCOUNT_ID: '1111' })).toThrow(
      /MANAGEMENT_ACCOUNT_ID: a 12-digit account id, or empty/,
    );
  });

  it('reads MACIE_REGIONS as a list of Regions and refuses anything else', () => {
    expect(loadConfig({ ...complete, MACIE_REGIONS: 'us-east-1,eu-west-1,us-east-1' }).MACIE_REGIONS).toEqual([
      'us-east-1',
      'eu-west-1',
    ]);
    expect(() => loadConfig({ ...complete, MACIE_REGIONS: 'us-east-1;eu-west-1' })).toThrow(
      /MACIE_REGIONS: Regions separated by commas/,
    );
  });

  it('reads the journal retention as a whole number of days and refuses anything else', () => {
    expect(loadConfig({ ...complete, JOURNAL_RETENTION_DAYS: '30' }).JOURNAL_RETENTION_DAYS).toBe(30);
    expect(() => loadConfig({ ...complete, JOURNAL_RETENTION_DAYS: 'a month' })).toThrow(
      /JOURNAL_RETENTION_DAYS: a whole number/,
    );
  });

  it("refuses AWS_RETRY_MODE=adaptive at cold start: the functions' bundles carry the standard retry mode only", () => {
    expect(loadConfig({ ...complete, AWS_RETRY_MODE: 'standard' }).AWS_RETRY_MODE).toBe('standard');
    expect(() => loadConfig({ ...complete, AWS_RETRY_MODE: 'adaptive' })).toThrow(ConfigurationError);
    expect(() => loadConfig({ ...complete, AWS_RETRY_MODE: 'adaptive' })).toThrow(
      /AWS_RETRY_MODE: 'standard' \(the functions' bundles carry no other retry mode\)/,
    );
  });

  it('names every missing or invalid variable in one classified error', () => {
    // Prepare
    const { TABLE_NAME: _table, ...rest } = complete;
    // Act
    const attempt = () => loadConfig({ ...rest, DEAD_LETTER_QUEUE_URL: 'not a url' });
    // Assess
    expect(attempt).toThrow(ConfigurationError);
    expect(attempt).toThrow(/TABLE_NAME: missing.*DEAD_LETTER_QUEUE_URL: /);
  });
});
