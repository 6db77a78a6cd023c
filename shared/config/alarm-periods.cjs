// The periods (seconds) of the alarms that watch the schedules, derived from the schedules' own
// rates (the auditRate and sweepRate parameters, as serverless.yml's schedules read them):
// ${file(./shared/config/alarm-periods.cjs):audit} and ...:sweep. A rate the alarms cannot express
// is refused at packaging, never deployed as a silent alarm.
//
// CloudWatch's limits (PutMetricAlarm): a period of 10, 20, 30 or a multiple of 60 seconds; Period x
// EvaluationPeriods at most 7 days (604,800 s), and at most one day (86,400 s) for a period under
// one hour. An alarm on a schedule looks back over `evaluationPeriods` of its rates.
const units = { minute: 60, minutes: 60, hour: 3600, hours: 3600, day: 86400, days: 86400 };

/** The alarms' evaluation periods per schedule: the most any alarm on that schedule looks back. */
const lookBack = { audit: 3, sweep: 2 };
const defaults = { audit: 'rate(1 hour)', sweep: 'rate(15 minutes)' };

/** The seconds of `rate(N unit)`, or an error naming the parameter and what is wrong. */
const periodOf = (name, expression, evaluationPeriods) => {
  const match = /^rate\((\d+) (minutes?|hours?|days?)\)$/.exec(expression);
  if (!match) throw new Error(`${name}: "${expression}" is not rate(N minutes|hours|days); the alarms that watch this schedule need its period (a cron() schedule has none)`);
  const value = Number(match[1]);
  const unit = match[2];
  if (value < 1 || (value === 1) !== !unit.endsWith('s')) throw new Error(`${name}: "${expression}" is no valid rate expression (rate(1 hour), rate(2 hours))`);
  const period = value * units[unit];
  const limit = period < 3600 ? 86400 : 604800;
  if (period * evaluationPeriods > limit) {
    throw new Error(`${name}: "${expression}" is too slow for the alarms that watch it: they look back ${evaluationPeriods} x ${period} s, CloudWatch allows ${limit} s`);
  }
  return period;
};

/**
 * The rate as osls resolves `${param:NAME}`: --param="NAME=..." first, then the stage's `params`
 * block of serverless.yml, then its `default` block, else the default. (A file function cannot ask
 * osls for `param:` itself: resolveVariable refuses that source here, so the blocks are read as
 * `self:`.)
 */
const rateOf = async (name, fallback, options, resolveVariable) => {
  const given = [].concat(options.param ?? []).find((param) => param.startsWith(`${name}=`));
  if (given) return given.slice(name.length + 1);
  const stage = await resolveVariable('sls:stage');
  for (const block of [stage, 'default']) {
    const value = await resolveVariable(`self:params.${block}.${name}, null`);
    if (typeof value === 'string' && value !== '') return value;
  }
  return fallback;
};

module.exports = async ({ options, resolveVariable }) => ({
  audit: periodOf('auditRate', await rateOf('auditRate', defaults.audit, options, resolveVariable), lookBack.audit),
  sweep: periodOf('sweepRate', await rateOf('sweepRate', defaults.sweep, options, resolveVariable), lookBack.sweep),
});
module.exports.periodOf = periodOf;
module.exports.lookBack = lookBack;
