/** Public surface of src/graphql. */
export { buildGraphqlSchema, schemaSdl, SCHEMA_FILE, RESOLVERS } from './schema';
export { createApolloServer, logToConsole, type ApolloOptions } from './apollo';
export { createContextFactory, type GraphqlContext, type ContextFactory, type RequestCredentials } from './context';
export { adminTokenVerifier, defaultTokenVerifier, storedTokenVerifier, ANONYMOUS, ROLES, type TokenVerifier, type Viewer, type Role } from './auth';
export { createLoaders, type Loaders } from './loaders';
export { createFormatError, INTERNAL_ERROR_MESSAGE, type ErrorLogger } from './format-error';
