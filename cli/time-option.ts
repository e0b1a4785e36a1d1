import { UsageError } from './errors';

const RELATIVE = /^now(?:-(\d+)(s|m|h|d))?$/;
const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * A time given on the command line: ISO 8601 (`2026-11-29T15:00:00Z`), `now`, or `now-<n><unit>`
 * with unit s, m, h or d (`now-2h`), because an operator replaying "the last two hours" should
 * not have to compute timestamps.
 */
export function parseTimeOption(name: string, raw: string, now: number): Date {
  const relative = RELATIVE.exec(raw.trim());
  if (relative) {
    const [, amount, unit] = relative;
    return new Date(
      now - (amount === undefined || unit === undefined ? 0 : Number(amount) * (UNIT_MS[unit] ?? 0)),
    );
  }
  // Date.parse also takes bare numbers and odd forms; demand at least a calendar date.
  const at = /^\d{4}-\d{2}-\d{2}/.test(raw) ? Date.parse(raw) : Number.NaN;
  if (Number.isNaN(at)) {
    throw new UsageError(
      `--${name} is not a time (given ${raw})`,
      `pass ISO 8601 such as --${name} 2026-11-29T15:00:00Z, or a relative time such as --${name} now-2h`,
    );
  }
  return new Date(at);
}
