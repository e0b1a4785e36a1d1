type Pairs = Array<[string, string]>;

const LIST_NAMES: Readonly<Record<string, string>> = {
  AttributeName: 'AttributeNames',
  MessageAttributeName: 'MessageAttributeNames',
  MessageSystemAttributeName: 'MessageSystemAttributeNames',
  TagKey: 'TagKeys',
};
const ATTRIBUTE_MAPS: Readonly<Record<string, string>> = {
  MessageAttribute: 'MessageAttributes',
  MessageSystemAttribute: 'MessageSystemAttributes',
};

/**
 * Converts the query protocol's flattened parameters (`Attribute.1.Name`, `MessageAttribute.1.Value.StringValue`,
 * `SendMessageBatchRequestEntry.2.Id`, ...) into the JSON protocol's shape, so both protocols share
 * one set of operations. Unknown keys are kept as they are and ignored by the operations.
 */
export function queryParamsToInput(pairs: Pairs, action?: string): Record<string, unknown> {
  const output: Record<string, unknown> = {};
  const grouped = new Map<string, Map<number, Pairs>>();
  for (const [key, value] of pairs) {
    const match = /^([A-Za-z]+)\.(\d+)(?:\.(.+))?$/.exec(key);
    if (match === null) {
      output[key] = value;
      continue;
    }
    const [, name = '', index = '0', rest = ''] = match;
    const indexes = grouped.get(name) ?? new Map<number, Pairs>();
    grouped.set(name, indexes);
    const entry = indexes.get(Number(index)) ?? [];
    indexes.set(Number(index), entry);
    entry.push([rest, value]);
  }
  for (const [name, indexes] of grouped) {
    const entries = [...indexes.entries()].sort(([a], [b]) => a - b).map(([, entry]) => new Map(entry));
    const listName = LIST_NAMES[name];
    const attributeMap = ATTRIBUTE_MAPS[name];
    if (listName !== undefined) {
      output[listName] = entries.map((entry) => entry.get('') ?? '');
    } else if (name === 'Attribute' || name === 'Tag') {
      const map: Record<string, string> = {};
      for (const entry of entries)
        map[entry.get('Name') ?? entry.get('Key') ?? ''] = entry.get('Value') ?? '';
      // CreateQueue names its tag map `tags`; TagQueue names it `Tags` (as in the SQS model).
      output[name === 'Tag' ? (action === 'TagQueue' ? 'Tags' : 'tags') : 'Attributes'] = map;
    } else if (attributeMap !== undefined) {
      const map: Record<string, Record<string, string>> = {};
      for (const entry of entries) {
        const value: Record<string, string> = {};
        for (const field of ['DataType', 'StringValue', 'BinaryValue']) {
          const item = entry.get(`Value.${field}`);
          if (item !== undefined) value[field] = item;
        }
        map[entry.get('Name') ?? ''] = value;
      }
      output[attributeMap] = map;
    } else if (name.endsWith('BatchRequestEntry')) {
      output.Entries = entries.map((entry) => queryParamsToInput([...entry.entries()]));
    }
  }
  return output;
}
