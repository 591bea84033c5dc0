import { GraphQLScalarType, Kind } from 'graphql';

function toDate(value: unknown): Date {
  const d = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : new Date(NaN);
  if (
    typeof value === 'string' &&
    !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(value)
  ) {
    throw new TypeError(
      `DateTime must be an ISO-8601 date-time with a time zone, got ${JSON.stringify(value)}`,
    );
  }
  if (Number.isNaN(d.getTime())) throw new TypeError(`Invalid DateTime ${JSON.stringify(value)}`);
  return d;
}

/** `scalar DateTime` of the published schema: ISO-8601 on the wire, `Date` in resolvers, UTC. */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'An ISO-8601 date-time in UTC, e.g. 2026-05-01T08:30:00.000Z',
  serialize: (value) => toDate(value).toISOString(),
  parseValue: (value) => toDate(value),
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new TypeError('DateTime must be a string');
    return toDate(ast.value);
  },
});
