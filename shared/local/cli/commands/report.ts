import { CliError } from '../errors';
import type { Io } from '../io';

/** `orgwarden report --html FILE` (the HTML report arrives in the next commit). */
export const runReport = async (_options: { html: string; table?: string; region?: string; profile?: string }, _io: Io): Promise<number> =>
  Promise.reject(new CliError('the HTML report is not written yet'));
