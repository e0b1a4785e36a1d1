import type { LeafValue } from './flatten-event';
import type { LeafBuffer } from './leaf-buffer';

interface TrieNode {
  /** The rule path id this node records values for, or -1 when it only leads to deeper paths. */
  id: number;
  readonly children: Map<string, TrieNode>;
}

/**
 * The dotted paths a rule set tests, as a tree to walk an event along: the walk visits only
 * the event's members that lead to one of those paths and never builds a path string, which is
 * most of what flattening the whole event costs. It finds exactly the scalars `flattenEvent`
 * would list at those paths.
 */
export class PathTrie {
  private readonly root: TrieNode = { id: -1, children: new Map() };

  /** @param paths the dotted paths; a path's id is its index here. */
  constructor(paths: readonly string[]) {
    const nodes = new Map<string, TrieNode>([['', this.root]]);
    const nodeFor = (path: string): TrieNode => {
      let node = nodes.get(path);
      if (!node) {
        node = { id: -1, children: new Map() };
        nodes.set(path, node);
      }
      return node;
    };
    paths.forEach((path, id) => {
      // The root never records: flattenEvent keeps no scalar at the empty path.
      if (path !== '') nodeFor(path).id = id;
      for (let i = path.indexOf('.'); i !== -1; i = path.indexOf('.', i + 1)) nodeFor(path.slice(0, i));
    });
    // An event key may itself contain dots ({"a.b": 1} is the path "a.b"), so each node links to
    // every deeper node its path plus one key can reach, not only to the next dotted segment.
    for (const [path, node] of nodes) {
      if (path === '') continue;
      this.root.children.set(path, node);
      for (let i = path.indexOf('.'); i !== -1; i = path.indexOf('.', i + 1)) {
        // Every dotted prefix is a node (made above); the empty one is the root, linked already.
        if (i > 0) nodeFor(path.slice(0, i)).children.set(path.slice(i + 1), node);
      }
    }
    // flattenEvent keeps the empty path for a key "" at the top level, so it leads back to the root.
    this.root.children.set('', this.root);
  }

  /** Records into `buffer` every scalar of the event at one of the paths. */
  collect(event: unknown, buffer: LeafBuffer): void {
    visit(event, this.root, false, buffer);
  }
}

function visit(value: unknown, node: TrieNode, inArray: boolean, buffer: LeafBuffer): void {
  if (value === null || typeof value !== 'object') {
    if (node.id !== -1 && value !== undefined) buffer.add(node.id, value as LeafValue, inArray);
    return;
  }
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) visit(value[index], node, true, buffer);
    return;
  }
  const children = node.children;
  if (children.size === 0) return;
  const record = value as Record<string, unknown>;
  // for...in, as flattenEvent, so both see the same members.
  for (const key in record) {
    const child = children.get(key);
    if (child) visit(record[key], child, inArray, buffer);
  }
}
