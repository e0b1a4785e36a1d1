import { z } from 'zod';
import type { SqsModel } from '../sqs';
import { invalidParameterCombination, invalidParameterValue, missingParameter } from './errors';
import { SQS_QUEUE_GAUGES } from './sqs-queue-gauges';

const STATISTICS = ['SampleCount', 'Average', 'Sum', 'Minimum', 'Maximum'] as const;
const SHORT_PERIODS = new Set([1, 5, 10, 20, 30]);

/** The JSON protocol sends timestamps as epoch seconds; ISO text is accepted too. */
const timestamp = z
  .union([z.number(), z.iso.datetime({ offset: true })])
  .transform((value) => (typeof value === 'number' ? value * 1000 : Date.parse(value)));

const inputSchema = z.object({
  Namespace: z.string().min(1).max(255),
  MetricName: z.string().min(1).max(255),
  Dimensions: z
    .array(z.object({ Name: z.string().min(1).max(255), Value: z.string().min(1).max(1024) }))
    .max(30)
    .optional(),
  StartTime: timestamp,
  EndTime: timestamp,
  Period: z.number().int().min(1),
  Statistics: z.array(z.enum(STATISTICS)).min(1).max(5).optional(),
  ExtendedStatistics: z
    .array(z.string().regex(/^p(?:100|\d{1,2}(?:\.\d{1,10})?)$/))
    .min(1)
    .max(10)
    .optional(),
  Unit: z.string().optional(),
});

type Input = z.infer<typeof inputSchema>;

/** A datapoint as GetMetricStatistics answers it (Timestamp in epoch seconds). */
export interface Datapoint {
  readonly Timestamp: number;
  readonly Unit: string;
  readonly [statistic: string]: unknown;
}

function parseInput(raw: Record<string, unknown>): Input {
  const parsed = inputSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const name = issue?.path.join('.') ?? 'input';
  if (issue?.code === 'invalid_type' && issue.path.length === 1 && raw[String(issue.path[0])] === undefined) {
    throw missingParameter(name);
  }
  throw invalidParameterValue(`The parameter ${name} is invalid: ${issue?.message ?? 'unknown problem'}.`);
}

/**
 * GetMetricStatistics for the gauges of local SQS queues. The local cloud keeps no metric
 * history, so a gauge is read when asked and answered as one datapoint for the period holding
 * the window's end, when that end is now or less than a period ago. Other metrics and namespaces answer no
 * datapoints, as CloudWatch does for a metric nobody published.
 */
export function getMetricStatistics(sqs: SqsModel, raw: Record<string, unknown>, now: number) {
  const input = parseInput(raw);
  if (input.Statistics === undefined && input.ExtendedStatistics === undefined) {
    throw invalidParameterCombination('Must specify either Statistics or ExtendedStatistics.');
  }
  if (input.Statistics !== undefined && input.ExtendedStatistics !== undefined) {
    throw invalidParameterCombination('Cannot specify both Statistics and ExtendedStatistics.');
  }
  if (input.StartTime >= input.EndTime) {
    throw invalidParameterValue('The parameter StartTime must be less than the parameter EndTime.');
  }
  if (!SHORT_PERIODS.has(input.Period) && input.Period % 60 !== 0) {
    throw invalidParameterValue('The parameter Period must be 1, 5, 10, 20, 30, or a multiple of 60.');
  }
  return { Label: input.MetricName, Datapoints: datapoints(sqs, input, now) };
}

function datapoints(sqs: SqsModel, input: Input, now: number): Datapoint[] {
  const gauge = input.Namespace === 'AWS/SQS' ? SQS_QUEUE_GAUGES.get(input.MetricName) : undefined;
  const dimensions = input.Dimensions ?? [];
  const queueName =
    dimensions.length === 1 && dimensions[0]?.Name === 'QueueName' ? dimensions[0].Value : undefined;
  if (gauge === undefined || queueName === undefined) return [];
  if (input.Unit !== undefined && input.Unit !== gauge.unit) return [];
  const periodMs = input.Period * 1000;
  // A window that ended a moment ago (the caller's "now") still gets the current value; an
  // older one has no datapoint, since nothing is kept.
  if (now - input.EndTime >= periodMs) return [];
  const sampledAt = Math.min(now, input.EndTime - 1);
  const periodStart = Math.floor(sampledAt / periodMs) * periodMs;
  if (periodStart + periodMs <= input.StartTime) return [];
  let value: number;
  try {
    value = gauge.read(sqs.queueMetrics(queueName));
  } catch {
    // No such queue: CloudWatch has no datapoints for it, rather than an error.
    return [];
  }
  const statistics: Record<string, number> = {};
  for (const statistic of input.Statistics ?? [])
    statistics[statistic] = statistic === 'SampleCount' ? 1 : value;
  const extended = input.ExtendedStatistics;
  return [
    {
      Timestamp: periodStart / 1000,
      Unit: gauge.unit,
      ...statistics,
      ...(extended !== undefined && {
        ExtendedStatistics: Object.fromEntries(extended.map((p) => [p, value])),
      }),
    },
  ];
}
