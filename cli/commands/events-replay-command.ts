import { REPLAY_RULE_PREFIX } from '../../infra/replay-rules';
import type { Command } from './command';

/** `switchyard events replay`. */
export const eventsReplayCommand: Command = {
  path: ['events', 'replay'],
  args: [],
  options: ['from', 'to', 'rule', 'channel', 'pattern', 'name'],
  summary: 're-deliver archived events of a time window to the bus',
  help: `Usage: switchyard events replay --from <time> [--to <time>] [--channel <subscription>]... [--rule <name>]... [--pattern <json>] [--name <replay>] [--json]

Starts an EventBridge replay (StartReplay) of the archive's events published from --from to --to
(default now), back onto the event bus, and shows its state on stderr until it is COMPLETED,
FAILED or CANCELLED (exit code 1 unless COMPLETED). The replay runs in EventBridge: stopping
the CLI (Ctrl-C) does not stop it.

Times: ISO 8601 with Z or an offset (2026-11-29T15:00:00Z, 2026-11-29T16:00:00+01:00), \`now\`,
\`now-<n>s|m|h|d\`, or \`<n>s|m|h|d\` as the AWS CLI takes it (2h: two hours ago). A time without
Z or an offset, or a bare date, is refused as ambiguous.

Without filters every rule of the bus receives the events again. --channel <subscription>
(repeatable) replays only to that subscription's rule, e.g. --channel flow-recorder; --rule
takes rule names or ARNs. Consumers are idempotent by event id, so a replay does not count an
event twice.

--pattern <json> replays only the events that match an event pattern, to every subscription
(or those --channel names) whose rule also matches them. EventBridge filters replays by rules
only, so the CLI creates one temporary rule per subscription
(${REPLAY_RULE_PREFIX}<subscription>.<8 hex digits>) whose pattern is the subscription's rule
AND --pattern AND this replay's name, with the same target and dead-letter queue (deliveries
retried for 60 s, then dead-lettered). In AWS it waits 30 s for the rules to take effect before
the replay starts, and removes them 90 s after it ends; locally at once. Where both patterns
match one field, exact values keep those the other side accepts, numeric ranges merge and
\`exists\` combines with anything; other operator pairs are refused (exit 2). An array field
counts as one value. Rules left by an interrupted run are removed by a later one. In AWS this
needs events:DescribeRule, ListRules, ListTargetsByRule, PutRule, PutTargets, RemoveTargets
and DeleteRule on the bus's rules, besides StartReplay and DescribeReplay.

--json: {"replayName", "replayArn", "archiveName", "from", "to", "filterArns", "state",
"stateReason"?, "pattern"?, "temporaryRules"?: [{"name", "channel", "eventPattern"}]}`,
  load: () => (require('./events-replay') as typeof import('./events-replay')).eventsReplay,
};
