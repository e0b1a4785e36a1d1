import type { EventEnvelope, TargetRecord } from '../records/eventbridge-records';
import { readJsonPath } from './json-path';

/** What InputTemplate's predefined `aws.events.*` variables resolve to. */
export interface TargetInputContext {
  readonly ruleArn: string;
  readonly ruleName: string;
  readonly ingestionTime: string;
}

/**
 * Builds what a target receives, as AWS documents it: the whole event by default, `Input` as
 * given, the value at `InputPath`, or `InputTransformer.InputTemplate` with its `<variables>`
 * filled from `InputPathsMap` and the predefined `aws.events.*` variables.
 */
export function buildTargetInput(
  target: TargetRecord,
  event: EventEnvelope,
  context: TargetInputContext,
): string {
  if (target.Input !== undefined) return target.Input;
  if (target.InputPath !== undefined) {
    const value = readJsonPath(event, target.InputPath);
    return value === undefined ? '' : JSON.stringify(value);
  }
  if (target.InputTransformer !== undefined) {
    const variables = new Map<string, unknown>();
    for (const [name, path] of Object.entries(target.InputTransformer.InputPathsMap ?? {})) {
      variables.set(name, readJsonPath(event, path));
    }
    variables.set('aws.events.rule-arn', context.ruleArn);
    variables.set('aws.events.rule-name', context.ruleName);
    variables.set('aws.events.event.ingestion-time', context.ingestionTime);
    variables.set('aws.events.event', event);
    variables.set('aws.events.event.json', event);
    return fillTemplate(target.InputTransformer.InputTemplate, variables);
  }
  return JSON.stringify(event);
}

/**
 * AWS fills a placeholder by context: inside a JSON string the value goes in as text (escaped
 * for JSON); elsewhere in a JSON template it goes in as JSON (strings quoted); in a template
 * that is not JSON at all it goes in as plain text. Unknown placeholders are left as written.
 */
function fillTemplate(template: string, variables: ReadonlyMap<string, unknown>): string {
  const isJsonTemplate = /^\s*[{["]/.test(template);
  let output = '';
  let inString = false;
  for (let i = 0; i < template.length; i++) {
    const char = template[i] as string;
    if (char === '\\' && inString) {
      output += char + (template[i + 1] ?? '');
      i++;
      continue;
    }
    if (char === '"') inString = !inString;
    if (char === '<') {
      const close = template.indexOf('>', i + 1);
      const name = close === -1 ? undefined : template.slice(i + 1, close);
      if (name !== undefined && variables.has(name)) {
        output += renderValue(variables.get(name), isJsonTemplate, inString);
        i = close;
        continue;
      }
    }
    output += char;
  }
  return output;
}

function renderValue(value: unknown, isJsonTemplate: boolean, inString: boolean): string {
  if (inString) {
    const text = typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value);
    return JSON.stringify(text).slice(1, -1);
  }
  if (!isJsonTemplate)
    return typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value);
  return value === undefined ? 'null' : JSON.stringify(value);
}
