import { leadingKeysOf } from '../../../shared/adapters/dynamodb/table';
import { tableWrites, type FunctionName } from '../../../shared/adapters/permissions';
import { functionNeeds } from '../../../shared/config/function-needs';
import { functionsOf, type CfnTemplate } from '../../../shared/local/template';
import { finding, type Finding } from './findings';
import { arnOf } from './resources';

const WRITES = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const asArray = (value: unknown): unknown[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/**
 * A function declared to write only some subjects' items (`tableWrites` in shared/adapters/permissions.ts)
 * may write the table only under a `ForAllValues:StringLike` condition on `dynamodb:LeadingKeys` that
 * names exactly the partitions of those subjects and the journal (table.ts `leadingKeysOf`): every
 * statement of its role that grants a write carries it.
 */
export const tableWriteFindings = (template: CfnTemplate): Finding[] => {
  const findings: Finding[] = [];
  for (const fn of functionsOf(template)) {
    if (!Object.hasOwn(functionNeeds, fn.name)) continue;
    const declared = tableWrites[fn.name as FunctionName];
    if (declared === 'all' || declared === 'none') continue;
    const expected = [...leadingKeysOf(declared)].sort();
    const roleId = arnOf(template.Resources[fn.logicalId]?.Properties?.Role);
    const policies = roleId ? asArray(template.Resources[roleId]?.Properties?.Policies) : [];
    for (const statement of policies
      .flatMap((policy) =>
        isRecord(policy) && isRecord(policy.PolicyDocument) ? asArray(policy.PolicyDocument.Statement) : [],
      )
      .filter(isRecord)) {
      if (statement.Effect !== 'Allow' || !asArray(statement.Action).some((action) => WRITES.includes(String(action))))
        continue;
      const where = `${fn.name} ${typeof statement.Sid === 'string' ? statement.Sid : '(no Sid)'}`;
      const condition = isRecord(statement.Condition) ? statement.Condition : {};
      const like = isRecord(condition['ForAllValues:StringLike']) ? condition['ForAllValues:StringLike'] : {};
      const granted = asArray(like['dynamodb:LeadingKeys']).map(String).sort();
      if (
        Object.keys(condition).length !== 1 ||
        Object.keys(like).length !== 1 ||
        JSON.stringify(granted) !== JSON.stringify(expected)
      ) {
        findings.push(
          finding(
            'table-writes',
            where,
            `writes the table under ${JSON.stringify(statement.Condition ?? 'no condition')}; declared: ForAllValues:StringLike dynamodb:LeadingKeys ${JSON.stringify(expected)}`,
          ),
        );
      }
    }
  }
  return findings;
};
