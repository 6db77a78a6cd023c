import { auditContinuationDetailType, auditContinuationSource } from '../../../shared/schemas/audit-event';
import { functionsOf, type CfnTemplate } from '../../../shared/local/template';
import { finding, type Finding } from './findings';
import { arnOf } from './resources';
import { coversAction, grantedStatements } from './statements';

/** What each function puts on orgwarden's bus: its sources, and (for the audit's continuation) its one detail-type. */
export const PUBLISHES: Readonly<
  Record<string, ReadonlyArray<{ readonly source: string; readonly detailTypes?: readonly string[] }>>
> = {
  'handshake-changed': [{ source: 'orgwarden' }],
  'expiry-sweep': [{ source: 'orgwarden' }],
  'membership-changed': [{ source: 'orgwarden' }],
  'macie-member-changed': [{ source: 'orgwarden' }],
  audit: [{ source: 'orgwarden' }, { source: auditContinuationSource, detailTypes: [auditContinuationDetailType] }],
  replay: [],
};

const BUS = 'OrgwardenEventBus';
const PUT_EVENTS = 'events:PutEvents';

type Json = Record<string, unknown>;
const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const list = (value: unknown): unknown[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const same = (a: readonly unknown[], b: readonly unknown[]): boolean =>
  JSON.stringify([...a].map(String).sort()) === JSON.stringify([...b].map(String).sort());
const conditionOf = (condition: unknown, operator: string, key: string): unknown[] | undefined => {
  const block = isRecord(condition) ? condition[operator] : undefined;
  return isRecord(block) && block[key] !== undefined ? list(block[key]) : undefined;
};

/** The role name a principal ARN names (`…:role/<name>`, written with Fn::Sub or as a string). */
const roleNameOf = (value: unknown): string | undefined => {
  const text =
    typeof value === 'string'
      ? value
      : isRecord(value) && typeof value['Fn::Sub'] === 'string'
        ? value['Fn::Sub']
        : undefined;
  return text?.match(/:role\/([\w+=,.@-]+)$/)?.[1];
};

/**
 * Each function's PutEvents statements allow exactly what it publishes: every statement is
 * conditioned on `events:source` (all of a call's entries: `ForAllValues:StringEquals`, present:
 * `Null` false) naming one of its sources, and on `events:detail-type` where that source has fixed ones.
 */
const roleFindings = (template: CfnTemplate): Finding[] => {
  const findings: Finding[] = [];
  for (const fn of functionsOf(template)) {
    const roleId = arnOf(template.Resources[fn.logicalId]?.Properties?.Role);
    const allowed = PUBLISHES[fn.name] ?? [];
    for (const statement of grantedStatements(template).filter(
      (s) => s.effect === 'Allow' && roleId !== null && s.grantees.includes(roleId),
    )) {
      if (!statement.actions.some((action) => coversAction(action, PUT_EVENTS)) && !statement.notAction) continue;
      const where = `${fn.name} ${statement.sid ?? statement.source}`;
      const sources = conditionOf(statement.condition, 'ForAllValues:StringEquals', 'events:source');
      const types = conditionOf(statement.condition, 'ForAllValues:StringEquals', 'events:detail-type');
      const present = conditionOf(statement.condition, 'Null', 'events:source');
      const match = allowed.find((entry) => sources !== undefined && same(sources, [entry.source]));
      if (!match || !present || !same(present, ['false'])) {
        findings.push(
          finding(
            'publish-condition',
            where,
            `PutEvents for events:source ${JSON.stringify(sources ?? 'any')}; ${fn.name} publishes ${JSON.stringify(allowed.map((e) => e.source))}`,
          ),
        );
        continue;
      }
      if (match.detailTypes && !(types && same(types, match.detailTypes)))
        findings.push(
          finding(
            'publish-condition',
            where,
            `${match.source} with detail-types ${JSON.stringify(types ?? 'any')}, not ${JSON.stringify(match.detailTypes)}`,
          ),
        );
    }
  }
  return findings;
};

/**
 * orgwarden's bus refuses, to every principal but the roles of the functions that publish it, each
 * source orgwarden publishes (an explicit deny: identity policies of the account cannot override
 * it), refuses every other source, and allows nobody anything.
 */
const busPolicyFindings = (template: CfnTemplate): Finding[] => {
  const findings: Finding[] = [];
  const roleNames = new Map(
    functionsOf(template).map((fn) => [
      fn.name,
      String(template.Resources[arnOf(template.Resources[fn.logicalId]?.Properties?.Role) ?? '']?.Properties?.RoleName),
    ]),
  );
  const statements = Object.values(template.Resources)
    .filter(
      (resource) =>
        resource.Type === 'AWS::Events::EventBusPolicy' &&
        JSON.stringify(resource.Properties?.EventBusName) === JSON.stringify({ Ref: BUS }),
    )
    .flatMap((resource) => list(resource.Properties?.Statement))
    .concat(list((template.Resources[BUS]?.Properties?.Policy as Json | undefined)?.Statement))
    .filter(isRecord);
  const denies = statements.filter(
    (s) =>
      s.Effect === 'Deny' &&
      s.Principal === '*' &&
      list(s.Action).some((action) => coversAction(String(action), PUT_EVENTS)) &&
      s.NotAction === undefined,
  );
  for (const s of statements.filter((candidate) => candidate.Effect !== 'Deny'))
    findings.push(
      finding(
        'bus-policy',
        `${BUS} ${typeof s.Sid === 'string' ? s.Sid : ''}`.trim(),
        `the bus policy allows ${JSON.stringify(s.Principal)} ${JSON.stringify(s.Action)}`,
      ),
    );
  const published = [...new Set(Object.values(PUBLISHES).flatMap((entries) => entries.map((e) => e.source)))];
  for (const source of published) {
    const publishers = Object.entries(PUBLISHES)
      .filter(([, entries]) => entries.some((e) => e.source === source))
      .map(([name]) => roleNames.get(name));
    const guarded = denies.some((s) => {
      const sources = conditionOf(s.Condition, 'ForAnyValue:StringEquals', 'events:source');
      const exempt = conditionOf(s.Condition, 'ArnNotEquals', 'aws:PrincipalArn');
      return (
        sources !== undefined &&
        same(sources, [source]) &&
        exempt !== undefined &&
        same(exempt.map(roleNameOf), publishers) &&
        isRecord(s.Condition) &&
        Object.keys(s.Condition).length === 2
      );
    });
    if (!guarded)
      findings.push(
        finding(
          'bus-policy',
          `${BUS} ${source}`,
          `no deny of events:source ${source} to every principal but ${publishers.join(', ')}`,
        ),
      );
  }
  const others = denies.some(
    (s) =>
      isRecord(s.Condition) &&
      Object.keys(s.Condition).length === 1 &&
      same(conditionOf(s.Condition, 'ForAnyValue:StringNotEquals', 'events:source') ?? [], published),
  );
  if (!others)
    findings.push(finding('bus-policy', `${BUS} other sources`, `no deny of every source but ${published.join(', ')}`));
  return findings;
};

/** The alert rule forwards orgwarden's own events only: its source, put in this account. */
const alertRuleFindings = (template: CfnTemplate): Finding[] => {
  const pattern = template.Resources.AlertRule?.Properties?.EventPattern as Json | undefined;
  const own =
    pattern !== undefined &&
    same(list(pattern.source), ['orgwarden']) &&
    JSON.stringify(pattern.account) === JSON.stringify([{ Ref: 'AWS::AccountId' }]);
  return own
    ? []
    : [
        finding(
          'alert-rule',
          'AlertRule',
          `pattern source ${JSON.stringify(pattern?.source)} account ${JSON.stringify(pattern?.account)}: not orgwarden's own events only`,
        ),
      ];
};

/** Who may put what on orgwarden's bus, and what its alert rule forwards. */
export const busFindings = (template: CfnTemplate): Finding[] => [
  ...roleFindings(template),
  ...busPolicyFindings(template),
  ...alertRuleFindings(template),
];
