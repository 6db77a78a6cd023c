import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { Item } from './items';

/**
 * orgwarden's items in DynamoDB's attribute-value form and back, with the AWS SDK's util-dynamodb
 * (what lib-dynamodb's document client does for every command, without its generic layer of
 * per-command key paths: 5 KiB of every bundle). Undefined values are left out, as the document
 * client was told to; numbers come back as numbers and string sets as `Set`s.
 */
export const toAttributes = (item: Item): Record<string, AttributeValue> =>
  marshall(item, { removeUndefinedValues: true });

export const fromAttributes = (attributes: Record<string, AttributeValue>): Item => unmarshall(attributes);

/** A key or item that may be absent (a paginated read's last key, say). */
export const maybeFromAttributes = (attributes: Record<string, AttributeValue> | undefined): Item | undefined =>
  attributes ? fromAttributes(attributes) : undefined;
