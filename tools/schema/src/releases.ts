import { existsSync, readFileSync } from 'node:fs';
import { type Change, CriticalityLevel, diff } from '@graphql-inspector/core';
import {
  type GraphQLField,
  type GraphQLNamedType,
  buildSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isScalarType,
  isSpecifiedScalarType,
  isUnionType,
} from 'graphql';
import { SUPERGRAPH_DIR } from '@zhongtai/contracts';

/**
 * Schema governance: the API as last released (`contracts/supergraph/released/api.graphql`, with its
 * version), the changes since, breaking ones refused by `schema:check` with a readable report; the
 * API's reference (`contracts/supergraph/API.md`) generated from its descriptions, and a changelog
 * (`contracts/supergraph/CHANGELOG.md`) written at each release (`npm run schema:release -- <version>`).
 */
export const RELEASED_DIR = `${SUPERGRAPH_DIR}released/`;
export const RELEASED_API = `${RELEASED_DIR}api.graphql`;
export const RELEASED_VERSION = `${RELEASED_DIR}version.json`;
export const API_DOCS = `${SUPERGRAPH_DIR}API.md`;
export const CHANGELOG = `${SUPERGRAPH_DIR}CHANGELOG.md`;

export interface Release {
  version: string;
  date: string;
  sdl: string;
}

export function readRelease(): Release | undefined {
  if (!existsSync(RELEASED_API) || !existsSync(RELEASED_VERSION)) return undefined;
  const { version, date } = JSON.parse(readFileSync(RELEASED_VERSION, 'utf8')) as {
    version: string;
    date: string;
  };
  return { version, date, sdl: readFileSync(RELEASED_API, 'utf8') };
}

export interface ApiChanges {
  breaking: string[];
  dangerous: string[];
  safe: string[];
}

/** What changed from the released API to `current`, by graphql-inspector's criticality. */
export async function changesSince(releasedSdl: string, currentSdl: string): Promise<ApiChanges> {
  const changes: Change[] = await diff(buildSchema(releasedSdl), buildSchema(currentSdl));
  const line = (c: Change) => `${c.message}${c.path ? ` (${c.path})` : ''}`;
  const of = (level: CriticalityLevel) => changes.filter((c) => c.criticality.level === level).map(line);
  return {
    breaking: of(CriticalityLevel.Breaking),
    dangerous: of(CriticalityLevel.Dangerous),
    safe: of(CriticalityLevel.NonBreaking),
  };
}

/** The readable report `schema:check` prints for breaking changes. */
export function breakingReport(release: Release, changes: ApiChanges): string {
  return [
    `the API breaks what was released as ${release.version} (${release.date}); channel apps built against it would fail:`,
    ...changes.breaking.map((b) => `    ✗ ${b}`),
    '  add instead of changing (a new field, an optional argument), deprecate what goes (@deprecated), and remove',
    '  it in a release announced to the channel teams (npm run schema:release -- <major>).',
  ].join('\n');
}

/** A changelog entry for `version`: the changes since the last release, by kind. */
export function changelogEntry(version: string, date: string, changes: ApiChanges): string {
  const section = (title: string, lines: string[]) =>
    lines.length ? [`### ${title}`, '', ...lines.map((l) => `- ${l}`), ''] : [];
  const body = [
    ...section('Breaking', changes.breaking),
    ...section('Dangerous (may change what a client sees)', changes.dangerous),
    ...section('Added and safe', changes.safe),
  ];
  return [`## ${version} — ${date}`, '', ...(body.length ? body : ['No change to the API.', ''])].join('\n');
}

const typeLine = (f: GraphQLField<unknown, unknown>) => {
  const args = f.args.length ? `(${f.args.map((a) => `${a.name}: ${a.type}`).join(', ')})` : '';
  return `| \`${f.name}${args}\` | \`${f.type}\` | ${oneLine(f.deprecationReason ? `**Deprecated:** ${f.deprecationReason}. ` : '')}${oneLine(f.description)} |`;
};
const oneLine = (s?: string | null) => (s ?? '').replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');

/** The API's reference in Markdown: every type with its fields, arguments and descriptions. */
export function renderApiDocs(apiSdl: string): string {
  const schema = buildSchema(apiSdl);
  const types = (Object.values(schema.getTypeMap()) as GraphQLNamedType[])
    .filter((t) => !isIntrospectionType(t) && !isSpecifiedScalarType(t))
    .sort((a, b) => {
      const rank = (t: GraphQLNamedType) => (t.name === 'Query' ? 0 : t.name === 'Mutation' ? 1 : 2);
      return rank(a) - rank(b) || a.name.localeCompare(b.name);
    });
  const out = [
    '# The Zhongtai API',
    '',
    'Generated from `contracts/supergraph/api.graphql` by `npm run schema:compose` (do not edit). What changed',
    'between releases: [CHANGELOG.md](CHANGELOG.md).',
    '',
  ];
  for (const t of types) {
    const kind = isObjectType(t)
      ? 'type'
      : isInputObjectType(t)
        ? 'input'
        : isEnumType(t)
          ? 'enum'
          : isInterfaceType(t)
            ? 'interface'
            : isUnionType(t)
              ? 'union'
              : isScalarType(t)
                ? 'scalar'
                : 'type';
    out.push(`## ${kind} ${t.name}`, '');
    if (t.description) out.push(oneLine(t.description), '');
    if (isObjectType(t) || isInterfaceType(t)) {
      out.push(
        '| field | type | |',
        '| --- | --- | --- |',
        ...Object.values(t.getFields()).map(typeLine),
        '',
      );
    } else if (isInputObjectType(t)) {
      out.push(
        '| field | type | |',
        '| --- | --- | --- |',
        ...Object.values(t.getFields()).map(
          (f) => `| \`${f.name}\` | \`${f.type}\` | ${oneLine(f.description)} |`,
        ),
        '',
      );
    } else if (isEnumType(t)) {
      out.push(
        ...t.getValues().map((v) => `- \`${v.name}\`${v.description ? `: ${oneLine(v.description)}` : ''}`),
        '',
      );
    } else if (isUnionType(t)) {
      out.push(
        t
          .getTypes()
          .map((m) => `\`${m.name}\``)
          .join(' \\| '),
        '',
      );
    }
  }
  return out.join('\n');
}
