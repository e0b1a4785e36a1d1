import { parseArgs } from 'node:util';
import { errorMessage } from '../common/error-summary';
import { UsageError } from './errors';
import { checkWholeNumber, type WholeNumberBounds } from './whole-number';

/** Every option the CLI knows; each command declares which of the command-specific ones it takes. */
export const OPTION_SPEC = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
  json: { type: 'boolean' },
  local: { type: 'boolean' },
  'data-dir': { type: 'string' },
  stack: { type: 'string' },
  region: { type: 'string' },
  profile: { type: 'string' },
  max: { type: 'string' },
  rate: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  pattern: { type: 'string' },
  rule: { type: 'string', multiple: true },
  channel: { type: 'string', multiple: true },
  name: { type: 'string' },
} as const;

export type OptionName = keyof typeof OPTION_SPEC;

/** Options every command accepts: output format and how to find the stack. */
export const GLOBAL_OPTIONS: readonly OptionName[] = [
  'help',
  'version',
  'json',
  'local',
  'data-dir',
  'stack',
  'region',
  'profile',
];

/** Parsed option values; repeatable options are arrays. */
export interface OptionValues {
  readonly help?: boolean;
  readonly version?: boolean;
  readonly json?: boolean;
  readonly local?: boolean;
  readonly 'data-dir'?: string;
  readonly stack?: string;
  readonly region?: string;
  readonly profile?: string;
  readonly max?: string;
  readonly rate?: string;
  readonly from?: string;
  readonly to?: string;
  readonly pattern?: string;
  readonly rule?: readonly string[];
  readonly channel?: readonly string[];
  readonly name?: string;
}

/** The command line split into words (command path and arguments) and options. */
export interface ParsedArgs {
  readonly positionals: readonly string[];
  readonly options: OptionValues;
}

/**
 * Parses with `node:util`'s `parseArgs` (no dependency). Options may appear anywhere, so
 * `switchyard --json status` and `switchyard status --json` mean the same.
 */
export function parseCommandLine(argv: readonly string[]): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: OPTION_SPEC,
      strict: true,
      allowPositionals: true,
    });
    return { positionals, options: values };
  } catch (error) {
    // parseArgs reports unknown options and missing values as TypeErrors with a clear message.
    const message = errorMessage(error);
    throw new UsageError(message, 'see `switchyard --help` for the commands and their options');
  }
}

/** A positive integer option within bounds, or a usage error naming the option and the bounds. */
export function integerOption(
  name: OptionName,
  raw: string | undefined,
  bounds: WholeNumberBounds,
): number | undefined {
  if (raw === undefined) return bounds.fallback;
  return checkWholeNumber(name, Number(raw), bounds, raw);
}
