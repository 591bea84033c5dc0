import { type DocumentNode, type FragmentDefinitionNode, Kind, type SelectionSetNode } from 'graphql';

export interface QueryCost {
  depth: number;
  /** field selections, fragments expanded */
  fields: number;
}

/**
 * Depth and breadth of an operation, fragments expanded (a fragment cycle is a validation error
 * caught earlier; `seen` still guards against it).
 */
export function measure(document: DocumentNode): QueryCost {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions)
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  let fields = 0;
  const walk = (set: SelectionSetNode | undefined, depth: number, seen: Set<string>): number => {
    if (!set) return depth;
    let max = depth;
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) {
        fields++;
        max = Math.max(max, walk(s.selectionSet, s.selectionSet ? depth + 1 : depth, seen));
      } else if (s.kind === Kind.INLINE_FRAGMENT) {
        max = Math.max(max, walk(s.selectionSet, depth, seen));
      } else {
        const name = s.name.value;
        const frag = fragments.get(name);
        if (frag && !seen.has(name))
          max = Math.max(max, walk(frag.selectionSet, depth, new Set([...seen, name])));
      }
    }
    return max;
  };
  let depth = 0;
  for (const d of document.definitions)
    if (d.kind === Kind.OPERATION_DEFINITION) depth = Math.max(depth, walk(d.selectionSet, 1, new Set()));
  return { depth, fields };
}
