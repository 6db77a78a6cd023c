import { loadConfig } from '../../shared/config/config';
import { lambdaRuntime } from '../../shared/config/runtime';
import { createHandler } from './function';

/** Lambda's entry point: the function built once, at cold start, from its environment. */
export const handler = createHandler(loadConfig(process.env), lambdaRuntime);
