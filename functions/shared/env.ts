import { EnvNames } from './env-names';

/** Thrown at cold start when the stack did not set a variable a function needs. */
export class MissingEnvironmentVariableError extends Error {
  constructor(name: string) {
    super(`Environment variable ${name} is required but not set`);
    this.name = 'MissingEnvironmentVariableError';
  }
}

/** Reads a required variable; a missing or empty one throws with its name. */
export const requireEnv = (name: string): string => {
  const value = process.env[name];
  if (value === undefined || value === '') throw new MissingEnvironmentVariableError(name);
  return value;
};

/** Reads an optional positive integer variable, falling back to `fallback` when unset. */
export const integerEnv = (name: string, fallback: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) {
    throw new Error(`Environment variable ${name} must be a positive integer (given ${raw})`);
  }
  return value;
};

/** Reads a comma-separated list; blanks are dropped. */
export const listEnv = (name: string): string[] =>
  (process.env[name] ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);

export { EnvNames };
