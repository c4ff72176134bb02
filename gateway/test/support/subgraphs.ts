import net from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import {
  badInput,
  bearerToken,
  createGraphQLHttpHandler,
  createLogger,
  createTokenVerifier,
  forbidden,
  invalidTransition,
  listen,
  unauthenticated,
} from '@linli/platform';

/** What a test subgraph saw of one request. */
export interface SubgraphCall {
  requestId: string;
  authorization: string | undefined;
}

export interface TestSubgraph {
  name: string;
  url: string;
  sdl: string;
  calls: SubgraphCall[];
  close(): Promise<void>;
}

const FEDERATION = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])';

const ORGANISATIONS: Record<string, { id: string; name: string; parentId: string | null }> = {
  '1': { id: '1', name: 'Chaoyang District', parentId: null },
  '2': { id: '2', name: 'Jianwai Street', parentId: '1' },
};

export const organisationsSdl = `${FEDERATION}
  type Organisation @key(fields: "id") {
    id: ID!
    name: String!
    parent: Organisation
    children: [Organisation!]!
  }
  type Query {
    organisation(id: ID!): Organisation
    secretOrganisation(id: ID!): Organisation
    brokenOrganisation: Organisation
    slowOrganisation: Organisation
  }
  type Mutation {
    renameOrganisation(id: ID!, name: String!): Organisation
    closeTicket(id: ID!): Boolean
  }
`;

export const ticketsSdl = `${FEDERATION}
  type Organisation @key(fields: "id", resolvable: false) { id: ID! }
  type Ticket @key(fields: "id") {
    id: ID!
    title: String!
    assignee: Organisation
  }
  type TicketEdge { cursor: String! node: Ticket! }
  type TicketConnection { edges: [TicketEdge!]! totalCount: Int! }
  type Query {
    ticket(id: ID!): Ticket
    tickets(first: Int): TicketConnection!
  }
`;

/** Timers of resolvers that hang on purpose; cleared when the subgraph closes. */
const hanging = new Set<NodeJS.Timeout>();

const organisationResolvers = {
  Organisation: {
    __resolveReference: (ref: { id: string }) => ORGANISATIONS[ref.id] ?? null,
    parent: (o: { parentId: string | null }) => (o.parentId ? ORGANISATIONS[o.parentId] : null),
    children: (o: { id: string }) => Object.values(ORGANISATIONS).filter((c) => c.parentId === o.id),
  },
  Query: {
    organisation: (_: unknown, { id }: { id: string }) => ORGANISATIONS[id] ?? null,
    secretOrganisation: () => {
      throw forbidden('Outside your scope');
    },
    brokenOrganisation: () => {
      throw new Error('relation "secret_table" does not exist (SELECT * FROM secret_table) at /srv/app/db.ts:12');
    },
    slowOrganisation: () =>
      new Promise((resolve) => {
        const timer = setTimeout(() => resolve(ORGANISATIONS['1']), 5000);
        hanging.add(timer);
      }),
  },
  Mutation: {
    renameOrganisation: () => {
      throw badInput('name', 'name must be 1–100 characters');
    },
    closeTicket: () => {
      throw invalidTransition('SUBMITTED', 'CLOSE');
    },
  },
};

const ticketResolvers = {
  Ticket: { assignee: () => ({ id: '2' }) },
  Query: {
    ticket: (_: unknown, { id }: { id: string }) => ({ id, title: 'Lift broken' }),
    tickets: () => ({ edges: [{ cursor: 'c1', node: { id: 't1', title: 'Lift broken' } }], totalCount: 1 }),
  },
};

/**
 * A tiny real subgraph on a free port, served like the project's subgraphs
 * (platform handler). It verifies the token itself, as the contract asks, and
 * records every call; `sub: "revoked"` makes it refuse the token (HTTP 500
 * with an UNAUTHENTICATED body). It leaks stack traces on purpose so the
 * gateway's masking is what the tests check.
 */
async function startSubgraph(name: string, sdl: string, resolvers: object, secret: string): Promise<TestSubgraph> {
  const calls: SubgraphCall[] = [];
  const verify = createTokenVerifier({ secret });
  const apollo = new ApolloServer({
    schema: buildSubgraphSchema([{ typeDefs: parse(sdl), resolvers: resolvers as never }]),
    includeStacktraceInErrorResponses: true,
    stopOnTerminationSignals: false,
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  await apollo.start();
  const logger = createLogger(`test-${name}`, 'silent');
  const handler = createGraphQLHttpHandler({
    apollo,
    logger,
    ready: async () => true,
    context: async ({ requestId, headers }) => {
      calls.push({ requestId, authorization: headers.authorization });
      const token = bearerToken(headers.authorization);
      if (!token) throw unauthenticated();
      const actor = await verify(token);
      if (actor.personId === 'revoked') throw unauthenticated('Token revoked');
      return { actor };
    },
  });
  const running = await listen(handler, 0, '127.0.0.1');
  return {
    name,
    url: running.url,
    sdl,
    calls,
    close: async () => {
      for (const t of hanging) clearTimeout(t);
      hanging.clear();
      await running.close();
      await apollo.stop();
    },
  };
}

export const startOrganisations = (secret: string) => startSubgraph('organisations', organisationsSdl, organisationResolvers, secret);
export const startTickets = (secret: string) => startSubgraph('tickets', ticketsSdl, ticketResolvers, secret);

/** A local URL nothing listens on: a subgraph that is down. */
export async function deadUrl(): Promise<string> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/graphql`;
}
