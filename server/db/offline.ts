// A Database for processes that build the app without using it (generating the OpenAPI
// document): any query fails loudly.
import type { Database } from './client.js';

export function offlineDatabase(): Database {
  const fail = (): never => {
    throw new Error('This process has no database');
  };
  const db: Database = {
    engine: 'pglite',
    pglite: null,
    pool: null,
    get orm(): never {
      return fail();
    },
    rows: async () => fail(),
    one: async () => fail(),
    tx: async () => fail(),
    exec: async () => fail(),
    copyRows: async () => fail(),
    close: async () => undefined,
  };
  return db;
}
