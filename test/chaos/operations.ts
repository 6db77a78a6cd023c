import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../shared/local/template';
import type { ProxiedRequest } from '../../shared/local/stack/counting-proxy';

/** The services whose calls the chaos harness may fail (the local stack's `ServiceName`s it proxies). */
export type FaultyService = 'dynamodb' | 'organizations' | 'securityIr' | 'macie' | 'eventbridge';

const restModels: Partial<Record<FaultyService, string>> = { securityIr: 'security-ir', macie: 'macie2' };

type Route = { readonly method: string; readonly path: RegExp; readonly operation: string };

const routesOf = (model: string): Route[] => {
  const json = JSON.parse(
    readFileSync(join(projectRoot, 'shared/local/aws-models', model, 'service-2.json'), 'utf8'),
  ) as {
    operations: Record<string, { http: { method: string; requestUri: string } }>;
  };
  return Object.entries(json.operations).map(([operation, { http }]) => ({
    operation,
    method: http.method,
    path: new RegExp(`^${http.requestUri.split('?')[0]!.replace(/\{[^}]+\}/g, '[^/]+')}$`),
  }));
};

const routes = new Map<FaultyService, Route[]>();

/**
 * The operation a request calls: `X-Amz-Target`'s for the JSON protocols (DynamoDB, Organizations,
 * EventBridge), the service model's route for the REST ones (Security IR, Macie).
 */
export const operationOf = (
  service: FaultyService,
  request: Pick<ProxiedRequest, 'operation' | 'method' | 'path'>,
): string => {
  const model = restModels[service];
  if (!model) return request.operation;
  if (!routes.has(service)) routes.set(service, routesOf(model));
  const path = request.path.split('?')[0]!;
  return (
    routes.get(service)!.find((route) => route.method === request.method && route.path.test(path))?.operation ??
    request.operation
  );
};

/** Calls that change nothing: the ones a fault may refuse without hiding a change from anyone. */
export const isRead = (operation: string): boolean => /^(Get|BatchGet|Describe|List|Query|Scan)/.test(operation);

/** The calls by which orgwarden changes the world (its effects), counted for "exactly once". */
export const changingCalls = new Set([
  'CancelHandshake',
  'DeclineHandshake',
  'CreateCase',
  'CreateCaseComment',
  'UpdateMembership',
  'CreateMember',
]);

/** The thing a call is about, for the effect count and the AccessDenied guard. */
export const targetOf = (operation: string, input: unknown): string => {
  const i = (input ?? {}) as Record<string, unknown>;
  switch (operation) {
    case 'CancelHandshake':
    case 'DeclineHandshake':
    case 'DescribeHandshake':
      return String(i.HandshakeId);
    case 'DescribeAccount':
      return String(i.AccountId);
    case 'CreateCase':
      return String(i.clientToken);
    case 'UpdateMembership': {
      const update = i.membershipAccountsConfigurationsUpdate as { organizationalUnitsToAdd?: string[] } | undefined;
      const what = i.undoMembershipCancellation
        ? 'undo'
        : `add ${[...(update?.organizationalUnitsToAdd ?? [])].sort().join(',')}`;
      return `${String(i.membershipId)} ${what}`;
    }
    case 'CreateMember':
      return `${String(i.region)}:${String((i.account as { accountId?: string } | undefined)?.accountId)}`;
    default:
      return JSON.stringify(i).slice(0, 200);
  }
};
