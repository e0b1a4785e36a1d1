import { UsageError } from './errors';

/** `now`, `now-2h`, or the AWS CLI's `2h` (that long ago). */
const RELATIVE = /^(?:now(?:-(\d+)([smhd]))?|(\d+)([smhd]))$/;
const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** A calendar date, optionally a time of day, optionally its UTC offset (`Z`, `+01:00`, `-0500`). */
const ISO_8601 =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(?:(Z)|([+-])(\d{2}):?(\d{2}))?)?$/i;

/** How each form is written, for the errors that refuse a time. */
const FORMS = (name: string) =>
  `pass ISO 8601 with an offset such as --${name} 2026-11-29T15:00:00Z or 2026-11-29T16:00:00+01:00, ` +
  `or a relative time such as --${name} 2h (or now-2h, now)`;

/**
 * A time given on the command line: ISO 8601 with `Z` or an offset (`2026-11-29T15:00:00Z`,
 * `2026-11-29T16:00:00+01:00`), `now`, `now-<n><unit>` or, as the AWS CLI takes it, `<n><unit>`
 * (that long ago), with unit s, m, h or d (`now-2h`, `2h`), because an operator replaying "the
 * last two hours" should not have to compute timestamps. A date or time without an offset is
 * refused: it means different instants on the operator's laptop and on a server in UTC.
 */
export function parseTimeOption(name: string, raw: string, now: number): Date {
  const text = raw.trim();
  const relative = RELATIVE.exec(text);
  if (relative) {
    const amount = relative[1] ?? relative[3];
    const unit = relative[2] ?? relative[4];
    return new Date(
      now - (amount === undefined || unit === undefined ? 0 : Number(amount) * (UNIT_MS[unit] ?? 0)),
    );
  }
  const iso = ISO_8601.exec(text);
  if (iso === null) throw new UsageError(`--${name} is not a time (given ${raw})`, FORMS(name));
  const [, year, month, day, hour, minute, second, fraction, zulu, sign, offsetHours, offsetMinutes] = iso;
  if (zulu === undefined && sign === undefined) {
    const fixed = hour === undefined ? `${text}T00:00:00Z` : `${text}Z`;
    throw new UsageError(
      `--${name} ${raw} has no UTC offset, so it is ambiguous`,
      `add Z or an offset such as +01:00: --${name} ${fixed}`,
    );
  }
  const y = Number(year);
  const mo = Number(month);
  const d = Number(day);
  const h = Number(hour);
  const mi = Number(minute);
  const s = Number(second ?? 0);
  const millis = Number((fraction ?? '').padEnd(3, '0').slice(0, 3));
  const local = Date.UTC(y, mo - 1, d, h, mi, s, millis);
  const check = new Date(local);
  const offset =
    sign === undefined ? 0 : (sign === '-' ? -1 : 1) * (Number(offsetHours) * 60 + Number(offsetMinutes));
  // Date.UTC rolls 2026-02-30 over to March 2: a field out of range shows as a different date.
  if (
    check.getUTCFullYear() !== y ||
    check.getUTCMonth() !== mo - 1 ||
    check.getUTCDate() !== d ||
    check.getUTCHours() !== h ||
    check.getUTCMinutes() !== mi ||
    check.getUTCSeconds() !== s ||
    Number(offsetHours ?? 0) > 23 ||
    Number(offsetMinutes ?? 0) > 59
  ) {
    throw new UsageError(`--${name} is not a valid time (given ${raw})`, FORMS(name));
  }
  return new Date(local - offset * 60_000);
}
