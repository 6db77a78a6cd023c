import { sessionOf, type Handler, type HandlerContext } from './context';
import { fail } from './errors';
import type { RegionState } from './state';

// Limits from the model's documentation of `tags` (the shapes themselves carry no min/max):
// "A resource can have a maximum of 50 tags … a tag key 128 characters … a tag value 256 characters."
const MAX_TAGS = 50;
const MAX_KEY = 128;
const MAX_VALUE = 256;

/**
 * Adds or updates tags of a resource, refusing (ValidationException) what breaks the documented
 * limits; nothing changes when it refuses.
 */
export function applyTags(state: RegionState, arn: string, tags: Record<string, string> | undefined): void {
  if (!tags) return;
  for (const [key, value] of Object.entries(tags)) {
    if (key.length === 0 || key.length > MAX_KEY)
      throw fail.validation(`tags: a tag key has 1 to ${MAX_KEY} characters.`);
    if (value.length > MAX_VALUE) throw fail.validation(`tags: a tag value has at most ${MAX_VALUE} characters.`);
  }
  const merged = { ...state.tags.get(arn), ...tags };
  if (Object.keys(merged).length > MAX_TAGS)
    throw fail.validation(`tags: a resource can have at most ${MAX_TAGS} tags.`);
  state.tags.set(arn, merged);
}

/**
 * The resource an ARN names, if the caller owns it. The emulator knows one taggable resource type,
 * the member (owned by its administrator); any other ARN is ResourceNotFoundException (the model
 * lists no errors for the tag operations: the service-wide shape is used).
 */
function ownResource(context: HandlerContext, arn: unknown): string {
  const member = typeof arn === 'string' ? context.state.memberByArn(arn) : undefined;
  if (!member || member.administratorAccountId !== context.caller)
    throw fail.notFound(`The resource ${String(arn)} wasn't found.`);
  return arn as string;
}

const tagResource: Handler = (input, context) => {
  sessionOf(context);
  applyTags(context.state, ownResource(context, input.resourceArn), input.tags as Record<string, string>);
  return {};
};

const untagResource: Handler = (input, context) => {
  sessionOf(context);
  const arn = ownResource(context, input.resourceArn);
  const tags = { ...context.state.tags.get(arn) };
  for (const key of input.tagKeys as string[]) delete tags[key];
  context.state.tags.set(arn, tags);
  return {};
};

const listTagsForResource: Handler = (input, context) => {
  sessionOf(context);
  return { tags: context.state.tags.get(ownResource(context, input.resourceArn)) ?? {} };
};

/** The handlers of the tag operations. */
export const tagHandlers: Record<string, Handler> = {
  TagResource: tagResource,
  UntagResource: untagResource,
  ListTagsForResource: listTagsForResource,
};
