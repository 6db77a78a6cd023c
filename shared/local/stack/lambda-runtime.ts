import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { TemplateFunction } from '../template';

type Handler = (event: unknown, context: unknown) => Promise<unknown>;

let generation = 0;

/**
 * Runs the functions of the packaged template in this process, through the same handler modules
 * Lambda runs (middleware included). Each runtime imports fresh module instances: a cold start
 * that reads the environment the local stack has just set.
 */
export class LocalLambdaRuntime {
  private readonly loaded = new Map<string, Promise<Handler>>();
  private readonly generation = ++generation;
  private invocations = 0;

  constructor(
    private readonly root: string,
    private readonly functions: readonly TemplateFunction[],
    private readonly region: string,
    private readonly accountId: string,
  ) {}

  async invoke(name: string, event: unknown): Promise<unknown> {
    const fn = this.functions.find((candidate) => candidate.name === name);
    if (!fn) throw new Error(`no function ${name} in the template`);
    const handler = await this.load(fn);
    const requestId = `local-${this.generation}-${++this.invocations}`;
    const deadline = Date.now() + 30_000;
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

  private load(fn: TemplateFunction): Promise<Handler> {
    const cached = this.loaded.get(fn.name);
    if (cached) return cached;
    const dot = fn.handler.lastIndexOf('.');
    const file = join(this.root, `${fn.handler.slice(0, dot)}.ts`);
    const exported = fn.handler.slice(dot + 1);
    const loading = (async () => {
      const module = (await import(`${pathToFileURL(file).href}?cold-start=${this.generation}`)) as Record<string, unknown>;
      const handler = module[exported];
      if (typeof handler !== 'function') throw new Error(`${fn.handler}: no exported function ${exported}`);
      return handler as Handler;
    })();
    this.loaded.set(fn.name, loading);
    return loading;
  }
}
