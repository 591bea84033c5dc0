import { ROLES } from '@zhongtai/contracts';
import type { PolicyMap } from './policy.js';

/**
 * The policy table of the README's security model, rendered from the policies the subgraphs
 * enforce: one row per operation, ✓ for a role that may call it (within the scope in the last
 * column), · for a role that is refused.
 */
export function policyTable(bySubgraph: Record<string, PolicyMap>): string {
  const rows = [
    `| subgraph | operation | ${ROLES.join(' | ')} | scope |`,
    `|---|---|${ROLES.map(() => ':-:').join('|')}|---|`,
  ];
  for (const [subgraph, policies] of Object.entries(bySubgraph)) {
    for (const coordinate of Object.keys(policies).sort(byKind)) {
      const p = policies[coordinate];
      const cells = ROLES.map((r) => (p.roles.includes(r) ? '✓' : '·'));
      const scope = p.scope.replace(/\|/g, '\\|') + (p.denied === 'null' ? ' (out of scope: null)' : '');
      rows.push(`| ${subgraph} | \`${coordinate}\` | ${cells.join(' | ')} | ${scope} |`);
    }
  }
  return rows.join('\n');
}

/** Queries, then mutations, then entity fields; alphabetical within each. */
function byKind(a: string, b: string): number {
  const rank = (c: string) => (c.startsWith('Query.') ? 0 : c.startsWith('Mutation.') ? 1 : 2);
  return rank(a) - rank(b) || a.localeCompare(b);
}
