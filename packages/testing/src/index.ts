export { createTestDatabase, type TestDatabase } from './database';
export { createTestSqliteFile, type TestSqliteFile } from './sqlite';
export { createTestNats, type TestNats } from './nats';
export { mintToken, type MintTokenOptions } from './token';
export { waitFor, type WaitForOptions } from './wait';
export { uniqueName } from './names';
export { readEventStream, type SseMessage } from './sse';
