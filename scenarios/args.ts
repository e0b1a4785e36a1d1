import { parseArgs } from 'node:util';
import { errorMessage } from '../common/error-summary';
import { UsageError } from './errors';
import type { SuiteOptions } from './run-scenarios';
import type { TargetChoice } from './target/resolve-target';

export const USAGE = `Usage: npm run scenarios -- [options]

Runs the scenario suite against the local cloud (default) or a deployed stack: signed requests
only, every answer checked against docs/openapi.json.

Target (one of):
  --data-dir <dir>            the local cloud started with this data folder (default .switchyard)
  --stack <name>              a deployed stack: its ApiUrl output, the default credential chain
  --region <region>           the stack's region (default: AWS_REGION or the profile's)
  --profile <name>            a profile of the shared AWS config

Opt-in scenarios on a deployed stack (the local cloud runs them with a receiver of its own):
  --webhook-url <url>         a receiver on the stack's allow-list that answers 2xx
  --webhook-reject-url <url>  one that answers 400
  --webhook-fail-url <url>    one that answers 5xx every time (with --dead-letter)
  --dead-letter               run the dead-letter scenario (five attempts; on a deployed stack it
                              raises the task DLQ alarm)

Output:
  --json                      one JSON object on stdout
  -h, --help                  this help

Exit codes: 0 every scenario that ran passed, 1 one failed or the target cannot be reached,
2 a bad command line.
`;

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  json: { type: 'boolean' },
  'data-dir': { type: 'string' },
  stack: { type: 'string' },
  region: { type: 'string' },
  profile: { type: 'string' },
  'webhook-url': { type: 'string' },
  'webhook-reject-url': { type: 'string' },
  'webhook-fail-url': { type: 'string' },
  'dead-letter': { type: 'boolean' },
} as const;

/** What the command line asks for. */
export interface CommandLine {
  readonly help: boolean;
  readonly json: boolean;
  readonly target: TargetChoice;
  readonly suite: Pick<SuiteOptions, 'webhookUrl' | 'webhookRejectUrl' | 'webhookFailUrl' | 'deadLetter'>;
}

const HELP_HINT = 'see `npm run scenarios -- --help`';

/** Parses the arguments; a UsageError (exit 2) names what is wrong. */
export function parseCommandLine(argv: readonly string[]): CommandLine {
  let values: ReturnType<typeof parse>['values'];
  let positionals: string[];
  try {
    ({ values, positionals } = parse(argv));
  } catch (error) {
    throw new UsageError(errorMessage(error), HELP_HINT);
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}`, HELP_HINT);
  const aws = (['region', 'profile'] as const).filter((name) => values[name] !== undefined);
  if (values.stack === undefined && aws.length > 0) {
    throw new UsageError(`--${aws[0]} needs --stack`, 'name the deployed stack with --stack');
  }
  if (values.stack !== undefined && values['data-dir'] !== undefined) {
    throw new UsageError(
      '--data-dir cannot be combined with --stack',
      'drop --data-dir for a deployed stack, or --stack for the local cloud',
    );
  }
  const webhookUrl = urlOption('webhook-url', values['webhook-url']);
  const webhookRejectUrl = urlOption('webhook-reject-url', values['webhook-reject-url']);
  const webhookFailUrl = urlOption('webhook-fail-url', values['webhook-fail-url']);
  const deadLetter = values['dead-letter'] ?? false;
  if (values.stack !== undefined && deadLetter && webhookFailUrl === undefined) {
    throw new UsageError(
      '--dead-letter on a deployed stack needs --webhook-fail-url',
      "pass a receiver on the stack's allow-list that answers 5xx every time",
    );
  }
  const target: TargetChoice =
    values.stack === undefined
      ? { kind: 'local', ...(values['data-dir'] !== undefined && { dataDir: values['data-dir'] }) }
      : {
          kind: 'deployed',
          stackName: values.stack,
          ...(values.region !== undefined && { region: values.region }),
          ...(values.profile !== undefined && { profile: values.profile }),
        };
  return {
    help: values.help ?? false,
    json: values.json ?? false,
    target,
    suite: {
      ...(webhookUrl !== undefined && { webhookUrl }),
      ...(webhookRejectUrl !== undefined && { webhookRejectUrl }),
      ...(webhookFailUrl !== undefined && { webhookFailUrl }),
      deadLetter,
    },
  };
}

const parse = (argv: readonly string[]) =>
  parseArgs({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: true });

function urlOption(name: string, raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(
      `--${name} is not a URL (given ${raw})`,
      `pass e.g. --${name} https://hooks.example.com/switchyard`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new UsageError(
      `--${name} must be an http(s) URL (given ${raw})`,
      'the webhook task type calls http(s) only',
    );
  }
  return raw;
}
