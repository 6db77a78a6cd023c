import * as z from 'zod/mini';

/** Bounded strings: nothing stored or published is longer than its field can be in AWS. */
export const bounded = (max: number) => z.string().check(z.minLength(1), z.maxLength(max));

/**
 * The envelope EventBridge puts around every event it delivers to a target, with each field
 * checked against what AWS produces (ids, account, region, ISO time; an archive replay adds
 * `replay-name`, whose pattern and length are ReplayName's in the EventBridge API).
 */
export const eventBridgeEnvelope = {
  version: bounded(8),
  id: z
    .string()
    .check(
      z.regex(
        /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/,
        'an EventBridge event id (letters, digits, -, ., _, :; at most 128)',
      ),
    ),
  'detail-type': bounded(128),
  source: bounded(256),
  account: z.string().check(z.regex(/^\d{12}$/, 'an account id of 12 digits')),
  time: z.iso.datetime({ offset: true }),
  region: z.string().check(z.regex(/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/, 'a region such as us-east-1')),
  resources: z.array(bounded(2048)).check(z.maxLength(100)),
  'replay-name': z.optional(
    z.string().check(z.regex(/^[.\-_A-Za-z0-9]{1,64}$/, 'a replay name (letters, digits, . - _; at most 64)')),
  ),
};
