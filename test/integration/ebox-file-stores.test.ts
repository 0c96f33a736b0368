import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { HeadObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { ConfigurationError, loadConfig } from '../../src/config/config.ts';
import { type Db, openDatabase, withTransaction } from '../../src/db/database.ts';
import { migrate } from '../../src/db/migrate.ts';
import { databaseFileStore } from '../../src/modules/ebox/files/database-store.ts';
import { diskFileStore, diskPath } from '../../src/modules/ebox/files/disk-store.ts';
import { type FileStore, FileNotFoundError, safeDownloadName, sha256Of } from '../../src/modules/ebox/files/file-store.ts';
import { s3FileStore, s3Key } from '../../src/modules/ebox/files/s3-store.ts';
import { fileStoreFromConfig } from '../../src/modules/ebox/files/store-from-config.ts';
import pg from 'pg';
import { startS3Server, type TestS3Server } from '../support/s3-server.ts';

const NOW = new Date('2026-11-23T10:00:00Z');
const BUCKET = 'uv-ebox-test';

const TEST_DB = process.env.TEST_DB === 'postgres' ? 'postgres' : 'pglite';
const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** One statement on the test PostgreSQL outside any schema. */
async function adminQuery(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * A migrated database of its own (in-memory PGlite, or a fresh schema on PostgreSQL): the stores need the
 * `ebox_files` table only, not the application nor its demo data.
 */
async function openTestDatabase(): Promise<{ db: Db; close(): Promise<void> }> {
  const schema = TEST_DB === 'postgres' ? `uv_test_files_${randomBytes(6).toString('hex')}` : undefined;
  if (schema) await adminQuery(`CREATE SCHEMA ${schema}`);
  const database = await openDatabase({ databaseUrl: schema ? TEST_DATABASE_URL : undefined, databaseSchema: schema, dataDir: 'memory://' });
  await migrate(database.db);
  return {
    db: database.db,
    close: async () => {
      await database.close();
      if (schema) await adminQuery(`DROP SCHEMA ${schema} CASCADE`);
    },
  };
}

/** Reads a stream to its end, counting the pieces it came in. */
async function drain(stream: Readable): Promise<{ bytes: Buffer; chunks: number; largest: number }> {
  const pieces: Buffer[] = [];
  let largest = 0;
  for await (const chunk of stream) {
    pieces.push(chunk as Buffer);
    largest = Math.max(largest, (chunk as Buffer).length);
  }
  return { bytes: Buffer.concat(pieces), chunks: pieces.length, largest };
}

/** Some bytes and their hash, different in every test (the stores share one table). */
function someFile(size = 4096) {
  const bytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(size - 9)]);
  return { bytes, sha256: sha256Of(bytes) };
}

/** How each store is seen from outside the interface: where its bytes are, whether they are there. */
interface StoreUnderTest {
  store: FileStore;
  /** the bytes as the store keeps them outside the row (undefined: not there); the database store answers from the row */
  outsideBytesExist(sha256: string): Promise<boolean>;
  /** deletes the bytes behind the store's back (to see a missing file reported) */
  loseBytes?(sha256: string): Promise<void>;
  /** whether the store streams (a large file comes in several pieces) */
  streams: boolean;
}

describe(`e-Box file stores (${TEST_DB})`, () => {
  let t: { db: Db; close(): Promise<void> };
  let directory: string;
  let s3: TestS3Server;
  const stores = new Map<string, StoreUnderTest>();

  before(async () => {
    t = await openTestDatabase();
    directory = await mkdtemp(path.join(tmpdir(), 'uv-ebox-disk-'));
    s3 = await startS3Server();
    await s3.createBucket(BUCKET);
    stores.set('database', {
      store: databaseFileStore(),
      outsideBytesExist: async (sha256) => Boolean(await t.db.selectFrom('ebox_files').select('content').where('sha256', '=', sha256).executeTakeFirst()),
      streams: false,
    });
    stores.set('disk', {
      store: diskFileStore(directory),
      outsideBytesExist: async (sha256) => (await stat(diskPath(directory, sha256)).catch(() => undefined)) !== undefined,
      loseBytes: (sha256) => rm(diskPath(directory, sha256)),
      streams: true,
    });
    const s3Store = s3FileStore({ bucket: BUCKET, endpoint: s3.endpoint, region: s3.region, credentials: s3.credentials });
    stores.set('s3', {
      store: s3Store,
      outsideBytesExist: async (sha256) =>
        s3.client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: s3Key(sha256) })).then(
          () => true,
          () => false,
        ),
      loseBytes: async (sha256) => {
        const { DeleteObjectCommand } = await import('@aws-sdk/client-s3');
        await s3.client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: s3Key(sha256) }));
      },
      streams: true,
    });
  });

  after(async () => {
    await s3?.close();
    await t?.close();
    if (directory) await rm(directory, { recursive: true, force: true });
  });

  for (const kind of ['database', 'disk', 's3'] as const) {
    describe(`the ${kind} store`, () => {
      const under = () => stores.get(kind)!;

      it('stores a file once: a second put of the same hash changes nothing', async () => {
        const { store } = under();
        const file = someFile();
        await withTransaction(t.db, (tx) => store.put(tx, file.sha256, file.bytes, NOW));
        await withTransaction(t.db, (tx) => store.put(tx, file.sha256, file.bytes, new Date('2026-12-01T00:00:00Z')));
        const rows = await t.db.selectFrom('ebox_files').selectAll().where('sha256', '=', file.sha256).execute();
        assert.equal(rows.length, 1);
        assert.equal(rows[0].store, kind);
        assert.equal(Number(rows[0].size_bytes), file.bytes.length);
        assert.equal(new Date(rows[0].created_at).toISOString(), NOW.toISOString(), 'the first put stays');
        assert.equal(rows[0].content === null, kind !== 'database', 'content in the row only for the database store');
        assert.equal(await under().outsideBytesExist(file.sha256), true);
      });

      it('opens a file as a stream of the same bytes, with its size', async () => {
        const { store } = under();
        const file = someFile(10_000);
        await store.put(t.db, file.sha256, file.bytes, NOW);
        const opened = await store.open(t.db, file.sha256);
        assert.equal(opened.size, file.bytes.length);
        assert.ok((await drain(opened.stream)).bytes.equals(file.bytes));
      });

      it('streams a 5 MB file in pieces rather than handing it over whole', async () => {
        const { store, streams } = under();
        const file = someFile(5 * 1024 * 1024);
        await store.put(t.db, file.sha256, file.bytes, NOW);
        const opened = await store.open(t.db, file.sha256);
        assert.equal(opened.size, file.bytes.length);
        const read = await drain(opened.stream);
        assert.equal(sha256Of(read.bytes), file.sha256);
        if (streams) {
          assert.ok(read.chunks > 1, `came in ${read.chunks} piece(s)`);
          assert.ok(read.largest < file.bytes.length / 2, `largest piece ${read.largest} bytes`);
        }
      });

      it('refuses an unknown hash, a malformed one and bytes that do not match their hash, clearly', async () => {
        const { store } = under();
        const unknown = sha256Of(randomBytes(16));
        await assert.rejects(store.open(t.db, unknown), (error: Error) => error instanceof FileNotFoundError && error.message.includes(unknown));
        await assert.rejects(store.open(t.db, '../../etc/passwd'), FileNotFoundError);
        const file = someFile();
        await assert.rejects(store.put(t.db, sha256Of(Buffer.from('other')), file.bytes, NOW), /do not have the SHA-256/);
        await assert.rejects(store.put(t.db, 'ABC', file.bytes, NOW), /Not a SHA-256/);
      });

      it('writes no row when the transaction rolls back', async () => {
        const { store } = under();
        const file = someFile();
        await assert.rejects(
          withTransaction(t.db, async (tx) => {
            await store.put(tx, file.sha256, file.bytes, NOW);
            throw new Error('rollback');
          }),
          /rollback/,
        );
        assert.equal(await t.db.selectFrom('ebox_files').select('sha256').where('sha256', '=', file.sha256).executeTakeFirst(), undefined);
        await assert.rejects(store.open(t.db, file.sha256), FileNotFoundError);
      });

      it('removes a file: its row and its bytes; removing again is no error', async () => {
        const { store } = under();
        const file = someFile();
        await store.put(t.db, file.sha256, file.bytes, NOW);
        await store.remove(t.db, file.sha256);
        assert.equal(await t.db.selectFrom('ebox_files').select('sha256').where('sha256', '=', file.sha256).executeTakeFirst(), undefined);
        assert.equal(await under().outsideBytesExist(file.sha256), false);
        await assert.rejects(store.open(t.db, file.sha256), FileNotFoundError);
        await store.remove(t.db, file.sha256);
      });

      if (kind !== 'database') {
        it('reports bytes gone from the store behind its back as a missing file', async () => {
          const { store, loseBytes } = under();
          const file = someFile();
          await store.put(t.db, file.sha256, file.bytes, NOW);
          await loseBytes!(file.sha256);
          await assert.rejects(store.open(t.db, file.sha256), (error: Error) => error instanceof FileNotFoundError && /missing/.test(error.message));
        });

        it('still serves the files put while the database store was configured', async () => {
          const file = someFile();
          await databaseFileStore().put(t.db, file.sha256, file.bytes, NOW);
          const opened = await under().store.open(t.db, file.sha256);
          assert.ok((await drain(opened.stream)).bytes.equals(file.bytes));
        });
      }
    });
  }

  it('keeps disk files in a two-level fan-out by hash, without temporary files left', async () => {
    const file = someFile();
    await stores.get('disk')!.store.put(t.db, file.sha256, file.bytes, NOW);
    const folder = path.join(directory, file.sha256.slice(0, 2), file.sha256.slice(2, 4));
    assert.deepEqual(await readdir(folder), [file.sha256]);
  });

  it('keeps one S3 object per hash, under ebox-files/', async () => {
    const file = someFile();
    const store = stores.get('s3')!.store;
    await store.put(t.db, file.sha256, file.bytes, NOW);
    await store.put(t.db, file.sha256, file.bytes, NOW);
    const listed = await s3.client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: s3Key(file.sha256) }));
    assert.equal(listed.KeyCount, 1);
  });
});

describe('e-Box store configuration', () => {
  it('defaults to the database store', () => {
    const config = loadConfig({});
    assert.equal(config.eboxStore, 'database');
    assert.equal(fileStoreFromConfig(config).kind, 'database');
  });

  it('builds the disk and S3 stores from their settings', () => {
    assert.equal(fileStoreFromConfig(loadConfig({ EBOX_STORE: 'disk', EBOX_STORE_DIR: '/var/lib/uv/ebox' })).kind, 'disk');
    const s3 = loadConfig({
      EBOX_STORE: 's3',
      EBOX_S3_BUCKET: 'ebox',
      EBOX_S3_ENDPOINT: 'http://127.0.0.1:9000',
      EBOX_S3_REGION: 'eu-west-1',
      EBOX_S3_ACCESS_KEY_ID: 'key',
      EBOX_S3_SECRET_ACCESS_KEY: 'secret',
    });
    assert.equal(s3.eboxS3Region, 'eu-west-1');
    assert.equal(fileStoreFromConfig(s3).kind, 's3');
  });

  it('refuses incomplete or unknown store settings with a message naming the variable', () => {
    assert.throws(
      () => loadConfig({ EBOX_STORE: 'ftp' }),
      (e: Error) => e instanceof ConfigurationError && /EBOX_STORE must be one of database, disk, s3/.test(e.message),
    );
    assert.throws(() => loadConfig({ EBOX_STORE: 'disk' }), /EBOX_STORE_DIR/);
    assert.throws(() => loadConfig({ EBOX_STORE: 's3' }), /EBOX_S3_BUCKET/);
    assert.throws(() => loadConfig({ EBOX_STORE: 's3', EBOX_S3_BUCKET: 'b', EBOX_S3_ACCESS_KEY_ID: 'key' }), /go together/);
    assert.throws(() => loadConfig({ EBOX_STORE: 's3', EBOX_S3_BUCKET: 'b', EBOX_S3_ENDPOINT: 'minio:9000' }), /EBOX_S3_ENDPOINT/);
  });
});

describe('download file names', () => {
  it('gives an ASCII fallback and the exact UTF-8 name, without separators, controls or quotes', () => {
    assert.equal(safeDownloadName('Maandstaat oktober.pdf'), `attachment; filename="Maandstaat oktober.pdf"; filename*=UTF-8''Maandstaat%20oktober.pdf`);
    assert.equal(
      safeDownloadName('Décompte été 2026.pdf'),
      `attachment; filename="Decompte ete 2026.pdf"; filename*=UTF-8''D%C3%A9compte%20%C3%A9t%C3%A9%202026.pdf`,
    );
    const hostile = safeDownloadName('..\\..\\evil"\r\nSet-Cookie: x=1;/\u0000name.pdf');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what must not be there
    assert.doesNotMatch(hostile, /[\r\n\u0000\\/]|evil"/);
    assert.match(hostile, /^attachment; filename="[^"]*"; filename\*=UTF-8''[A-Za-z0-9%._~!-]+$/);
    assert.equal(safeDownloadName('Ωμέγα.pdf', 'inline'), `inline; filename="_____.pdf"; filename*=UTF-8''%CE%A9%CE%BC%CE%AD%CE%B3%CE%B1.pdf`);
    assert.equal(safeDownloadName('///'), `attachment; filename="document.pdf"; filename*=UTF-8''document.pdf`);
  });
});
