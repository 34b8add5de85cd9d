import { GraphQLScalarType, buildSchema, type GraphQLSchema } from 'graphql';

/**
 * The part of wandb's GraphQL schema Run Comparer reads, written from the documented query shapes
 * (wandb/apis/public/runs.py, files.py and core/api/graphql/*.graphql). Field and argument names and
 * types follow the real API; anything not listed is absent, so a client asking for a field the
 * real API lacks fails here as it would there.
 */
const SDL = /* GraphQL */ `
  "A JSON document sent as a string (config, summaryMetrics, filters, sampledHistory specs)."
  scalar JSONString
  "Arbitrary JSON (historyKeys, sampledHistory rows)."
  scalar JSON
  scalar Int64
  "Naive UTC, e.g. 2023-11-05T17:46:35."
  scalar DateTime

  type Query {
    project(name: String, entityName: String): Project
  }

  type Project {
    id: ID!
    name: String!
    entityName: String!
    internalId: ID!
    readOnly: Boolean
    runCount(filters: JSONString): Int!
    runs(filters: JSONString, order: String, first: Int, after: String): RunConnection!
    run(name: String!): Run
  }

  type PageInfo {
    startCursor: String
    endCursor: String
    hasNextPage: Boolean!
    hasPreviousPage: Boolean!
  }

  type RunConnection {
    edges: [RunEdge!]!
    pageInfo: PageInfo!
  }

  type RunEdge {
    node: Run!
    cursor: String!
  }

  type User {
    name: String
    username: String
  }

  type Run {
    id: ID!
    name: String!
    displayName: String
    projectId: ID!
    state: String
    createdAt: DateTime!
    heartbeatAt: DateTime
    tags: [String!]
    group: String
    jobType: String
    notes: String
    description: String
    sweepName: String
    commit: String
    readOnly: Boolean
    historyLineCount: Int
    config: JSONString
    summaryMetrics: JSONString
    systemMetrics: JSONString
    historyKeys: JSON
    user: User
    sampledHistory(specs: [JSONString!]!): [JSON]
    history(minStep: Int64, maxStep: Int64, samples: Int): [JSONString]
    fileCount: Int
    files(names: [String], after: String, first: Int, pattern: String): FileConnection
  }

  type FileConnection {
    edges: [FileEdge!]!
    pageInfo: PageInfo!
  }

  type FileEdge {
    node: File
    cursor: String!
  }

  type File {
    id: ID!
    name: String!
    url(upload: Boolean): String
    directUrl: String!
    sizeBytes: Int64
    mimetype: String
    updatedAt: DateTime
    md5: String
  }
`;

export function buildFakeWandbSchema(): GraphQLSchema {
  const schema = buildSchema(SDL);
  const jsonString = schema.getType('JSONString') as GraphQLScalarType;
  // Like the real server: a JSONString variable must be a string holding JSON, not an object.
  const parseJsonString = (value: unknown) => {
    if (typeof value !== 'string') throw new TypeError('JSONString must be a string containing JSON');
    try {
      JSON.parse(value);
    } catch {
      throw new TypeError('JSONString must contain valid JSON');
    }
    return value;
  };
  const serializeJsonString = (value: unknown) => {
    if (typeof value !== 'string') throw new TypeError('JSONString fields are serialized strings');
    return value;
  };
  Object.assign(jsonString, {
    parseValue: parseJsonString,
    coerceInputValue: parseJsonString,
    serialize: serializeJsonString,
    coerceOutputValue: serializeJsonString,
  });
  return schema;
}
