import type { ScenarioResult, SuiteReport } from './run-scenarios';

/** `✓ name (12 ms)`, `✗ name: reason` or `- name: not run (why)`. */
export function resultLine(result: ScenarioResult): string {
  if (result.outcome === 'passed') return `✓ ${result.name} (${result.ms} ms)`;
  if (result.outcome === 'failed') return `✗ ${result.name}: ${result.reason}`;
  return `- ${result.name}: not run (${result.reason})`;
}

/** `9 passed, 0 failed, 3 not run` */
export const summaryLine = (report: SuiteReport): string =>
  `${report.passed} passed, ${report.failed} failed, ${report.notRun} not run`;

/** The whole report as text, one line per scenario then the summary. */
export const reportText = (report: SuiteReport): string =>
  `${[...report.results.map(resultLine), summaryLine(report)].join('\n')}\n`;
