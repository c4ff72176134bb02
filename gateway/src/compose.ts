import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { Supergraph } from '@apollo/federation-internals';
import { GraphQLError, lexicographicSortSchema, parse, printSchema, type DocumentNode, type GraphQLSchema } from 'graphql';
import { SUBGRAPHS } from './subgraphs';

/** The repository root (this file lives in gateway/src or gateway/dist). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');
/** The committed supergraph the gateway serves by default. */
export const SUPERGRAPH_FILE = path.resolve(__dirname, '..', 'supergraph.graphql');
/** The client-facing schema, committed so every change to it shows in review and the schema check can diff it. */
export const API_SCHEMA_FILE = path.resolve(__dirname, '..', 'api.graphql');

/** The schema clients see: the supergraph without its join/link machinery. */
export function apiSchemaOf(supergraphSdl: string): GraphQLSchema {
  return Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
}

/** api.graphql's text: the API schema, sorted so a diff shows only real changes. */
export function apiSchemaSdl(supergraphSdl: string): string {
  return `${printSchema(lexicographicSortSchema(apiSchemaOf(supergraphSdl)))}\n`;
}

export interface SubgraphSource {
  name: string;
  /** Written into the supergraph; the gateway maps each name to its configured URL at run time. */
  url: string;
  sdl: string;
}

/** Composition refused: every problem, one line each, so the author of the subgraph can act on it. */
export class CompositionError extends Error {
  constructor(readonly problems: string[]) {
    super(`Supergraph composition failed:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'CompositionError';
  }
}

const describe = (error: GraphQLError) => {
  const code = error.extensions?.code;
  return typeof code === 'string' ? `[${code}] ${error.message}` : error.message;
};

/**
 * Composes subgraph SDLs in-process (no rover: it downloads a binary) and
 * returns the supergraph SDL exactly as the committed file holds it.
 */
export function composeSupergraph(subgraphs: readonly SubgraphSource[]): string {
  const problems: string[] = [];
  const services: { name: string; url: string; typeDefs: DocumentNode }[] = [];
  for (const s of subgraphs) {
    try {
      services.push({ name: s.name, url: s.url, typeDefs: parse(s.sdl) });
    } catch (error) {
      problems.push(`${s.name}: its SDL does not parse: ${(error as Error).message}`);
    }
  }
  if (problems.length) throw new CompositionError(problems);
  const result = composeServices(services);
  if (result.errors) throw new CompositionError(result.errors.map(describe));
  return result.supergraphSdl.endsWith('\n') ? result.supergraphSdl : `${result.supergraphSdl}\n`;
}

/** Where a subgraph writes its SDL (its `sdl` script). */
export const subgraphSchemaPath = (name: string, repoRoot = REPO_ROOT) => path.join(repoRoot, 'services', name, 'schema.graphql');

/** True when every subgraph has written its SDL. */
export function allSubgraphSchemasExist(repoRoot = REPO_ROOT): boolean {
  return SUBGRAPHS.every((s) => existsSync(subgraphSchemaPath(s.name, repoRoot)));
}

/** Reads the four `services/<name>/schema.graphql`, with the embedded-mode URLs. */
export function readSubgraphSources(repoRoot = REPO_ROOT): SubgraphSource[] {
  const missing = SUBGRAPHS.filter((s) => !existsSync(subgraphSchemaPath(s.name, repoRoot)));
  if (missing.length) {
    throw new CompositionError(
      missing.map((s) => `${path.relative(repoRoot, subgraphSchemaPath(s.name, repoRoot))} is missing: build the service and run its sdl script`),
    );
  }
  return SUBGRAPHS.map((s) => ({ name: s.name, url: s.defaultUrl, sdl: readFileSync(subgraphSchemaPath(s.name, repoRoot), 'utf8') }));
}
