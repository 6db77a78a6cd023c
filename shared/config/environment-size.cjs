// The size Lambda gives a function's environment, measured on the packaged template before a
// deployment can fail on it. Lambda allows 4 KB (4,096 bytes) "for all environment variables
// associated with the function, in aggregate" (Lambda quotas, not adjustable). What it measures:
// its refusal ("... exceeded the 4KB limit. String measured: {...}") shows the variables as one
// compact JSON object, keys and values together; LocalStack measures the same, the UTF-8 bytes of
// json.dumps(variables, separators=(",", ":")) with non-ASCII written as \uXXXX. So each `"` of the
// policy costs two bytes (`\"`).
// The CloudFormation values (Ref, Fn::GetAtt, Fn::Sub, ...) are not known at packaging: each one is
// replaced by the longest value it can take (AWS's documented maximums: a 12-digit account id, a
// 36-character stack UUID, a table name of 255, a bus name of 256, a queue name of 80, a stack name
// of 128 characters; names the template sets are taken as set).
'use strict';

const LIMIT_BYTES = 4096;

const isRecord = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);
const filler = (length) => 'x'.repeat(length);

const ACCOUNT = filler(12);
const STACK_UUID = filler(36);

/** The longest value each pseudo parameter can take, the stack's Region and name known. */
const pseudo = ({ region, stackName }) => ({
  'AWS::AccountId': ACCOUNT,
  'AWS::Region': region,
  // us-east-1 is in the `aws` partition; any other Region would be refused before this runs.
  'AWS::Partition': 'aws',
  'AWS::URLSuffix': 'amazonaws.com',
  'AWS::StackName': stackName ?? filler(128),
  'AWS::StackId': `arn:aws:cloudformation:${region}:${ACCOUNT}:stack/${stackName ?? filler(128)}/${STACK_UUID}`,
  'AWS::NoValue': '',
});

const named = (props, key, max) => (typeof props[key] === 'string' ? props[key] : filler(max));

/** What `Ref` and `Fn::GetAtt` return for the resource types the functions' variables name. */
const attributesOf = (resource, context) => {
  const props = resource.Properties ?? {};
  const arn = (service, rest) => `arn:aws:${service}:${context.region}:${ACCOUNT}:${rest}`;
  switch (resource.Type) {
    case 'AWS::DynamoDB::Table': {
      const name = named(props, 'TableName', 255);
      return { Ref: name, Arn: arn('dynamodb', `table/${name}`) };
    }
    case 'AWS::Events::EventBus': {
      const name = named(props, 'Name', 256);
      return { Ref: name, Name: name, Arn: arn('events', `event-bus/${name}`) };
    }
    case 'AWS::SQS::Queue': {
      const name = named(props, 'QueueName', 80);
      return { Ref: `https://sqs.${context.region}.amazonaws.com/${ACCOUNT}/${name}`, QueueName: name, QueueUrl: `https://sqs.${context.region}.amazonaws.com/${ACCOUNT}/${name}`, Arn: arn('sqs', name) };
    }
    case 'AWS::SNS::Topic': {
      const name = named(props, 'TopicName', 256);
      return { Ref: arn('sns', name), TopicName: name, TopicArn: arn('sns', name) };
    }
    default:
      return {};
  }
};

/** The longest string a template value can become; throws when it cannot be bounded. */
const longest = (value, template, context, where) => {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const unbounded = (what) => {
    throw new Error(`orgwarden: cannot bound ${where} (${what}): shared/config/environment-size.cjs must learn its longest value`);
  };
  if (!isRecord(value)) return unbounded(JSON.stringify(value));
  const reference = (name, attribute) => {
    const pseudos = pseudo(context);
    if (attribute === undefined && Object.hasOwn(pseudos, name)) return pseudos[name];
    const parameter = template.Parameters?.[name];
    if (attribute === undefined && parameter) {
      if (typeof parameter.MaxLength === 'number') return filler(parameter.MaxLength);
      return unbounded(`the parameter ${name} declares no MaxLength`);
    }
    const resource = template.Resources?.[name];
    const found = resource ? attributesOf(resource, context)[attribute ?? 'Ref'] : undefined;
    return found ?? unbounded(`${attribute ? `Fn::GetAtt ${name}.${attribute}` : `Ref ${name}`}`);
  };
  if (typeof value.Ref === 'string') return reference(value.Ref);
  if (value['Fn::GetAtt'] !== undefined) {
    const getAtt = value['Fn::GetAtt'];
    const [name, attribute] = Array.isArray(getAtt) ? getAtt : String(getAtt).split(/\.(.*)/s);
    return reference(name, attribute);
  }
  if (value['Fn::Sub'] !== undefined) {
    const sub = value['Fn::Sub'];
    const [text, variables] = Array.isArray(sub) ? sub : [sub, {}];
    return String(text).replace(/\$\{(!?)([^}]*)\}/g, (whole, literal, name) => {
      if (literal) return `\${${name}}`;
      if (variables && Object.hasOwn(variables, name)) return longest(variables[name], template, context, where);
      const [id, attribute] = name.split(/\.(.*)/s);
      return reference(id, attribute);
    });
  }
  if (Array.isArray(value['Fn::Join'])) {
    const [separator, parts] = value['Fn::Join'];
    return Array.isArray(parts) ? parts.map((part) => longest(part, template, context, where)).join(separator) : unbounded('Fn::Join of a non-list');
  }
  if (Array.isArray(value['Fn::If'])) {
    const [a, b] = value['Fn::If'].slice(1).map((branch) => longest(branch, template, context, where));
    return a.length >= b.length ? a : b;
  }
  return unbounded(Object.keys(value).join(', '));
};

/** The bytes Lambda measures: the compact JSON of the variables, non-ASCII as \uXXXX. */
const measuredBytes = (variables) =>
  Buffer.byteLength(JSON.stringify(variables).replace(/[\u007f-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`), 'utf8');

/**
 * Each function's environment at its longest: [{ logicalId, functionName, bytes }].
 * `context`: { region, stackName } of the packaging.
 */
const environmentSizes = (template, context) =>
  Object.entries(template.Resources ?? {})
    .filter(([, resource]) => resource.Type === 'AWS::Lambda::Function')
    .map(([logicalId, resource]) => {
      const props = resource.Properties ?? {};
      const functionName = typeof props.FunctionName === 'string' ? props.FunctionName : logicalId;
      const variables = Object.fromEntries(
        Object.entries(props.Environment?.Variables ?? {}).map(([key, value]) => [key, longest(value, template, context, `${functionName}'s ${key}`)]),
      );
      return { logicalId, functionName, bytes: measuredBytes(variables) };
    });

/** The functions whose environment can exceed Lambda's 4 KB, each as one line; empty when all fit. */
const oversizedEnvironments = (template, context) =>
  environmentSizes(template, context)
    .filter(({ bytes }) => bytes > LIMIT_BYTES)
    .map(({ functionName, bytes }) => `${functionName}: its environment can reach ${bytes} bytes, over Lambda's ${LIMIT_BYTES} (ORGWARDEN_POLICY holds the policy: trust fewer parties one by one, or trust whole organizations or domains)`);

module.exports = { LIMIT_BYTES, environmentSizes, measuredBytes, oversizedEnvironments };
