// SPDX-License-Identifier: MIT
// Helper of benchmarks/compare_duckdb: DuckDB reading a folder of parkinvest's CSV tables into
// in-memory tables, one CREATE TABLE ... AS SELECT * FROM read_csv(file) per table (its type
// detection on, as a user would run it). Prints one line: the milliseconds from the first CREATE
// to the last (the instance and connection made before), and the rows read, which the caller
// checks against the library's count.
//
//   node csv.mjs <folder> <threads: 1 | default>
import { DuckDBInstance } from '@duckdb/node-api';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const [folder, threads] = process.argv.slice(2);
const instance = await DuckDBInstance.create(':memory:', threads === 'default' ? {} : { threads: String(threads) });
const con = await instance.connect();
const files = readdirSync(folder).filter((f) => f.endsWith('.csv')).sort();
const t0 = process.hrtime.bigint();
let rows = 0n;
for (const f of files) {
  const table = f.replace(/\.csv$/, '');
  const path = join(folder, f).replaceAll("'", "''");
  await con.run(`CREATE TABLE "${table}" AS SELECT * FROM read_csv('${path}', header = true)`);
}
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
for (const f of files) {
  const table = f.replace(/\.csv$/, '');
  rows += BigInt((await con.runAndReadAll(`SELECT count(*) FROM "${table}"`)).getRows()[0][0]);
}
console.log(`${ms.toFixed(1)} ${rows}`);
