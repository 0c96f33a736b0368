import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import ts from 'typescript';
import { type Database, openDatabase } from '../../src/db/database.ts';
import { migrate } from '../../src/db/migrate.ts';

/**
 * src/db/types.ts is written by hand (issue 11, item 14): a fresh database migrated from migrations/*.sql must have
 * exactly the tables of its `DB` interface, and each table exactly the columns of its `*Table` interface.
 */

const TYPES_FILE = new URL('../../src/db/types.ts', import.meta.url);

/** Table name → column names, read from the `DB` interface of src/db/types.ts and the interfaces it names. */
function declaredTables(): Map<string, Set<string>> {
  const source = ts.createSourceFile('types.ts', readFileSync(TYPES_FILE, 'utf8'), ts.ScriptTarget.Latest, true);
  const interfaces = new Map<string, ts.InterfaceDeclaration>();
  for (const statement of source.statements) if (ts.isInterfaceDeclaration(statement)) interfaces.set(statement.name.text, statement);
  const propertyName = (member: ts.TypeElement) => {
    assert.ok(
      ts.isPropertySignature(member) && member.name && (ts.isIdentifier(member.name) || ts.isStringLiteral(member.name)),
      `unexpected member ${member.getText(source)}`,
    );
    return (member.name as ts.Identifier | ts.StringLiteral).text;
  };
  const db = interfaces.get('DB');
  assert.ok(db, 'src/db/types.ts declares interface DB');
  const tables = new Map<string, Set<string>>();
  for (const member of db.members) {
    const table = propertyName(member);
    const type = (member as ts.PropertySignature).type;
    assert.ok(type && ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName), `DB.${table} names a table interface`);
    const declaration = interfaces.get(type.typeName.text);
    assert.ok(declaration, `interface ${type.typeName.text} (DB.${table}) is declared in src/db/types.ts`);
    assert.equal(declaration.heritageClauses, undefined, `${type.typeName.text} lists its columns itself`);
    tables.set(table, new Set(declaration.members.map(propertyName)));
  }
  return tables;
}

describe('src/db/types.ts matches the migrations', () => {
  let database: Database;
  let actual: Map<string, Set<string>>;

  before(async () => {
    database = await openDatabase({ databaseUrl: undefined, dataDir: 'memory://', databaseSchema: undefined });
    await migrate(database.db);
    const { rows } = await sql<{ table_name: string; column_name: string }>`
      SELECT c.table_name, c.column_name
        FROM information_schema.columns c
        JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
       WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
       ORDER BY c.table_name, c.ordinal_position`.execute(database.db);
    actual = new Map();
    for (const row of rows) {
      if (!actual.has(row.table_name)) actual.set(row.table_name, new Set());
      actual.get(row.table_name)!.add(row.column_name);
    }
  });

  after(async () => {
    await database?.close();
  });

  it('declares every table the migrations create, and no other', () => {
    const declared = declaredTables();
    assert.deepEqual([...declared.keys()].sort(), [...actual.keys()].sort());
  });

  it('declares every column of every table, and no other', () => {
    const problems: string[] = [];
    for (const [table, columns] of declaredTables()) {
      const inDatabase = actual.get(table) ?? new Set<string>();
      for (const column of columns) if (!inDatabase.has(column)) problems.push(`${table}.${column}: in src/db/types.ts, not in the migrated database`);
      for (const column of inDatabase) if (!columns.has(column)) problems.push(`${table}.${column}: in the migrated database, not in src/db/types.ts`);
    }
    assert.deepEqual(problems, []);
  });
});
