export { createTestDatabase, refuseConnections, type TestDatabase } from './database';
export { createTestSqliteFile, type TestSqliteFile } from './sqlite';
export { createTestNats, type TestNats } from './nats';
export { startPrivateNats, type PrivateNats } from './nats-server';
export { mintToken, type MintTokenOptions } from './token';
export { waitFor, type WaitForOptions } from './wait';
export { uniqueName } from './names';
export { startTestObjectStore, type TestObjectStore } from './object-store';
export { readEventStream, type SseMessage } from './sse';
