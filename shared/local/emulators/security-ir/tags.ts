// Tags on memberships and cases: TagResource, UntagResource, ListTagsForResource, and the `tags`
// given to CreateMembership and CreateCase (kept by those handlers in the same store).
import { ownCase } from './cases';
import type { Handler, HandlerContext } from './context';
import { fail } from './errors';

/** The model's TagMap holds at most 200 entries; the emulator applies that bound to a resource's tags. */
const MAX_TAGS = 200;
const ARN = /^arn:aws:security-ir:([^:]+):(\d{12}):(membership|case)\/(.+)$/;

/**
 * The tagged resource an ARN names, checked as its own API would check it: a membership of the
 * caller (any status), or a case the caller can still read (its membership not terminated). An ARN
 * of another region or account, or of nothing, is a ResourceNotFoundException.
 */
function resolve(context: HandlerContext, arn: string): string {
  const match = ARN.exec(arn);
  const [, region, accountId, kind, id] = match ?? [];
  if (!match || region !== context.region || accountId !== context.caller) throw fail.notFound('resource', arn);
  if (kind === 'case') {
    ownCase(context, id!);
    return arn;
  }
  const membership = context.state.memberships.get(id!);
  if (!membership || membership.accountId !== context.caller) throw fail.notFound('resource', arn);
  return arn;
}

/**
 * TagResource: adds or overwrites tags. Keys starting with `aws:` are reserved for AWS (the rule of
 * AWS tagging in general; Security IR documents none of its own): refused with ValidationException,
 * as is going over {@link MAX_TAGS}.
 */
const tagResource: Handler = (input, context) => {
  const arn = resolve(context, input.resourceArn as string);
  const added = input.tags as Record<string, string>;
  const reserved = Object.keys(added).filter((key) => key.toLowerCase().startsWith('aws:'));
  if (reserved.length > 0) throw fail.invalidField('tags', `the aws: prefix is reserved: ${reserved.join(', ')}`);
  const merged = { ...context.state.tags.get(arn), ...added };
  if (Object.keys(merged).length > MAX_TAGS) throw fail.invalidField('tags', `a resource has at most ${MAX_TAGS} tags`);
  context.state.tags.set(arn, merged);
  return Promise.resolve({});
};

/** UntagResource: removes the keys given; keys the resource does not have are ignored. */
const untagResource: Handler = (input, context) => {
  const arn = resolve(context, input.resourceArn as string);
  const removed = new Set(input.tagKeys as string[]);
  const kept = Object.entries(context.state.tags.get(arn) ?? {}).filter(([key]) => !removed.has(key));
  context.state.tags.set(arn, Object.fromEntries(kept));
  return Promise.resolve({});
};

const listTagsForResource: Handler = (input, context) => {
  const arn = resolve(context, input.resourceArn as string);
  return Promise.resolve({ tags: { ...context.state.tags.get(arn) } });
};

/** Handlers of the tagging operations. */
export const tagHandlers: Record<string, Handler> = {
  TagResource: tagResource,
  UntagResource: untagResource,
  ListTagsForResource: listTagsForResource,
};
