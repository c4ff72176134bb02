import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, visit, type DocumentNode } from 'graphql';
import { containsNul } from '@linli/platform';

const refuse = () =>
  new GraphQLError('String inputs must not contain NUL characters', {
    // 200 like any other coded error: the gateway passes it on as BAD_USER_INPUT.
    extensions: { code: 'BAD_USER_INPUT', field: 'input', http: { status: 200 } },
  });

function documentHasNul(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    [Kind.STRING]: (node) => {
      if (node.value.includes('\u0000')) found = true;
    },
  });
  return found;
}

/**
 * Every string input with a NUL character is BAD_USER_INPUT before any
 * resolver runs (contract "Errors": bad input gets a coded error): PostgreSQL
 * cannot store NUL in text, and would otherwise answer with a 500.
 */
export const nulInputGuard: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ request, document }) {
        if (containsNul(request.variables) || documentHasNul(document)) throw refuse();
      },
    };
  },
};
