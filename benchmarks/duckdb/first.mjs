// SPDX-License-Identifier: MIT
// Helper of benchmarks/compare_duckdb, the first answer from a file: one fresh process per run.
//
//   node first.mjs build <db file> <projects.csv>   the database file, tables p_dec (amount
//                                                   DECIMAL(38,4)) and p_fen (BIGINT 分); not timed
//   node first.mjs query <db file> <table> <threads|default>
//                                                   opens the file (read only) and prints the groups,
//                                                   total count and total sum in 1/10,000 yuan of
//                                                   SELECT park, count(*), sum(amount) ... GROUP BY park
//   node first.mjs check <table.json>              the same three numbers from the parkinvest CLI's
//                                                   --format json output of the same query
//   node first.mjs baseline                         node + the DuckDB module + an in-memory database
//                                                   running SELECT 1: the start-up cost to subtract
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync, rmSync } from 'node:fs';

const [mode, db, arg, threads] = process.argv.slice(2);

function scaled(text, digits) {
  const [whole, frac = ''] = String(text).split('.');
  return BigInt(whole + frac.padEnd(digits, '0').slice(0, digits));
}

if (mode === 'build') {
  rmSync(db, { force: true });
  rmSync(db + '.wal', { force: true });
  const instance = await DuckDBInstance.create(db);
  const con = await instance.connect();
  const source = `read_csv('${arg.replaceAll("'", "''")}', header = true, auto_detect = false,
    columns = {'park': 'INTEGER', 'reached_date': 'DATE', 'bound': 'TINYINT',
               'amount': 'DECIMAL(38,4)', 'amount_fen': 'BIGINT'})`;
  await con.run(`CREATE TABLE p_dec AS SELECT park, amount FROM ${source}`);
  await con.run(`CREATE TABLE p_fen AS SELECT park, amount_fen AS amount FROM ${source}`);
  await con.run('CHECKPOINT');
  con.closeSync?.();
} else if (mode === 'query') {
  const options = { access_mode: 'READ_ONLY' };
  if (threads !== 'default') options.threads = threads;
  const instance = await DuckDBInstance.create(db, options);
  const con = await instance.connect();
  const rows = (await con.runAndReadAll(`SELECT park, count(*), sum(amount) FROM ${arg} GROUP BY park ORDER BY park`)).getRows();
  let count = 0n;
  let sum = 0n;
  for (const row of rows) {
    count += BigInt(row[1]);
    if (row[2] !== null) sum += arg === 'p_fen' ? BigInt(String(row[2])) * 100n : scaled(row[2].toString(), 4);
  }
  console.log(`${rows.length} ${count} ${sum}`);
} else if (mode === 'check') {
  const rows = JSON.parse(readFileSync(db, 'utf8'));
  let count = 0n;
  let sum = 0n;
  for (const row of rows) {
    count += BigInt(row.count);
    if (row.sum !== null) sum += scaled(row.sum.amount, 4);
  }
  console.log(`${rows.length} ${count} ${sum}`);
} else if (mode === 'baseline') {
  const instance = await DuckDBInstance.create(':memory:');
  const con = await instance.connect();
  await con.runAndReadAll('SELECT 1');
  console.log('0 0 0');
} else {
  console.error('usage: node first.mjs build|query|baseline ...');
  process.exit(2);
}
