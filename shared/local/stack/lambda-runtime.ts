import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadConfig } from '../../config/config';
import type { Runtime } from '../../config/runtime';
import type { TemplateFunction } from '../template';

type Handler = (event: unknown, context: unknown) => Promise<unknown>;
type Factory = (config: ReturnType<typeof loadConfig>, runtime: Runtime) => Handler;

/**
 * Runs the functions of the packaged template in this process. Each function folder has
 * `function.ts` (the factory: `createHandler(config, runtime)`, middleware included) beside the
 * `handler.ts` Lambda runs (the same factory, built from the environment at cold start). The local
 * runtime builds each handler once per stack from the environment the template gives the function
 * and the stack's own clock, endpoints and credentials: a cold start per stack.
 */
export class LocalLambdaRuntime {
  private readonly built = new Map<string, Promise<Handler>>();
  private invocations = 0;

  constructor(
    private readonly root: string,
    private readonly functions: readonly TemplateFunction[],
    private readonly region: string,
    private readonly accountId: string,
    /** The environment each function gets (the template's, with references resolved). */
    private readonly environmentOf: (fn: string) => Record<string, string>,
    private readonly runtime: Runtime,
    private readonly stackId: string,
  ) {}

  /** Invokes a function as Lambda would, with a context whose remaining time counts down from the timeout. */
  async invoke(name: string, event: unknown): Promise<unknown> {
    const fn = this.functions.find((candidate) => candidate.name === name);
    if (!fn) throw new Error(`no function ${name} in the template`);
    const handler = await this.build(fn);
    const requestId = `local-${this.stackId}-${++this.invocations}`;
    // The function's own timeout, from the template (serverless.yml `timeout`).
    const deadline = Date.now() + fn.timeoutSeconds * 1000;
    const context = {
      functionName: fn.functionName,
      functionVersion: '$LATEST',
      invokedFunctionArn: `arn:aws:lambda:${this.region}:${this.accountId}:function:${fn.functionName}`,
      memoryLimitInMB: '256',
      awsRequestId: requestId,
      logGroupName: `/aws/lambda/${fn.functionName}`,
      logStreamName: requestId,
      callbackWaitsForEmptyEventLoop: true,
      getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
      done: () => undefined,
      fail: () => undefined,
      succeed: () => undefined,
    };
    return handler(event, context);
  }

  private build(fn: TemplateFunction): Promise<Handler> {
    const cached = this.built.get(fn.name);
    if (cached) return cached;
    const folder = fn.handler.slice(0, fn.handler.lastIndexOf('/'));
    const building = (async () => {
      const module = (await import(pathToFileURL(join(this.root, folder, 'function.ts')).href)) as {
        createHandler?: Factory;
      };
      if (typeof module.createHandler !== 'function')
        throw new Error(`${folder}/function.ts exports no createHandler factory`);
      return module.createHandler(loadConfig(this.environmentOf(fn.name)), this.runtime);
    })();
    this.built.set(fn.name, building);
    return building;
  }
}
