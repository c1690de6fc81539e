// SPDX-License-Identifier: MIT
// Helper of benchmarks/compare_duckdb: the README's DuckDB recipe for parkinvest's JSON Lines.
// Loads the projects of a .jsonl file (read_json, timed once), then times three ways to sum the
// contract investment (median of `runs`): the exact string cast to DECIMAL(38,4), to
// DECIMAL(18,4), and the integer companion contract_investment_minor (分); checks that all three
// give the library's exact total.
//
//   node jsonl.mjs <dataset.jsonl> <sum in 1/10,000 yuan> [runs]
import { DuckDBInstance } from '@duckdb/node-api';

const [file, want, runsText = '5'] = process.argv.slice(2);
const runs = Number(runsText);
const instance = await DuckDBInstance.create(':memory:');
const con = await instance.connect();
const t0 = process.hrtime.bigint();
await con.run(`CREATE TABLE projects AS SELECT * FROM read_json('${file.replaceAll("'", "''")}', sample_size = -1)
               WHERE entity = 'project'`);
const loadMs = Number(process.hrtime.bigint() - t0) / 1e6;
const n = (await con.runAndReadAll('SELECT count(*) FROM projects')).getRows()[0][0];

function scaled(text, digits) {
  const [whole, frac = ''] = String(text).split('.');
  return BigInt(whole + frac.padEnd(digits, '0').slice(0, digits));
}
const forms = [
  { name: 'sum(CAST(contract_investment AS DECIMAL(38,4)))', sql: 'SELECT sum(CAST(contract_investment AS DECIMAL(38,4))) FROM projects', units: (v) => scaled(v, 4) },
  { name: 'sum(CAST(contract_investment AS DECIMAL(18,4)))', sql: 'SELECT sum(CAST(contract_investment AS DECIMAL(18,4))) FROM projects', units: (v) => scaled(v, 4) },
  { name: 'sum(contract_investment_minor) (分)', sql: 'SELECT sum(contract_investment_minor) FROM projects', units: (v) => BigInt(String(v)) * 100n },
];
console.log(`DuckDB read_json of ${file}: ${n} projects loaded in ${loadMs.toFixed(0)} ms (once)`);
console.log('sum of contract investment'.padEnd(52) + 'median ms'.padStart(10) + '  exact total');
let bad = false;
for (const f of forms) {
  const times = [];
  let value;
  for (let r = 0; r < runs; ++r) {
    const s = process.hrtime.bigint();
    value = (await con.runAndReadAll(f.sql)).getRows()[0][0];
    times.push(Number(process.hrtime.bigint() - s) / 1e6);
  }
  times.sort((a, b) => a - b);
  const ok = f.units(value.toString()) === BigInt(want);
  if (!ok) bad = true;
  console.log(f.name.padEnd(52) + times[Math.floor(runs / 2)].toFixed(2).padStart(10) + '  ' + (ok ? 'same as the library' : `MISMATCH (${value})`));
}
if (bad) process.exit(1);
