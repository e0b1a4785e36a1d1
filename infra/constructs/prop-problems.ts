/**
 * Collects everything wrong with a construct's props, so one synth error lists all of it with
 * the given values (as Solutions Constructs' CheckSqsProps does), instead of one per run.
 */
export class PropProblems {
  private readonly problems: string[] = [];

  constructor(private readonly constructName: string) {}

  add(problem: string): void {
    this.problems.push(problem);
  }

  /** An optional integer prop must lie in [min, max]. */
  integerInRange(name: string, value: number | undefined, min: number, max: number): void {
    if (value !== undefined && !(Number.isInteger(value) && value >= min && value <= max)) {
      this.add(`${name} must be an integer from ${min} to ${max} (given ${value})`);
    }
  }

  throwIfAny(): void {
    if (this.problems.length > 0) {
      throw new Error(`Invalid ${this.constructName} props:\n- ${this.problems.join('\n- ')}`);
    }
  }
}
