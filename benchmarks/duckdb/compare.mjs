// SPDX-License-Identifier: MIT
// Helper of benchmarks/compare_duckdb: runs the filter + group-by query of parkinvest_query_bench
// in DuckDB over the CSV written by export_projects, with the amount as DECIMAL(38,4) (128-bit),
// BIGINT 分 and DECIMAL(18,2) (64-bit), once with one thread (as the library's query) and once
// at DuckDB's default threads; loads each table outside timing, times only the query (median of
// `runs`), reports the cores used (process CPU time ÷ wall time, DuckDB's threads run in this
// process), checks the result against the library's checksum and prints rows/s next to the
// library's.
//
//   node compare.mjs <projects.csv> <library.txt>      (run from the folder holding node_modules)
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';

const [csv, libraryFile] = process.argv.slice(2);
if (!csv || !libraryFile) {
  console.error('usage: node compare.mjs <projects.csv> <library.txt>');
  process.exit(2);
}
const lib = Object.fromEntries(
  readFileSync(libraryFile, 'utf8').trim().split('\n').map((l) => l.trim().split(/\s+/, 2)));
const rows = Number(lib.rows);
const runs = Number(lib.runs);

const source = `read_csv('${csv.replaceAll("'", "''")}', header = true, auto_detect = false,
  columns = {'park': 'INTEGER', 'reached_date': 'DATE', 'bound': 'TINYINT',
             'amount': 'DECIMAL(38,4)', 'amount_fen': 'BIGINT'})`;

// Same semantics as the library: reached 签约 by 2020-06-30; amount >= 1000万元 unless the
// bound is an upper bound (5 = at_most, 6 = less_than).
const variants = [
  { name: 'DECIMAL(38,4) (128-bit)', type: 'DECIMAL(38,4)', expr: 'amount', threshold: '10000000', toUnits: 10000n },
  { name: 'BIGINT 分 (64-bit)', type: 'BIGINT', expr: 'amount_fen', threshold: '1000000000', toUnits: 100n },
  { name: 'DECIMAL(18,2) (64-bit)', type: 'DECIMAL(18,2)', expr: 'amount', threshold: '10000000', toUnits: 10000n },
];

/// Exact integer of a DuckDB decimal / integer rendered as text, scaled by 10^digits.
function scaled(text, digits) {
  const [whole, frac = ''] = String(text).split('.');
  return BigInt(whole + frac.padEnd(digits, '0').slice(0, digits));
}

const results = [];
let version = '';
for (const threads of ['1', 'default']) {
  const instance = threads === 'default' ? await DuckDBInstance.create(':memory:')
                                         : await DuckDBInstance.create(':memory:', { threads });
  const con = await instance.connect();
  version = (await con.runAndReadAll('SELECT version()')).getRows()[0][0];
  const used = (await con.runAndReadAll("SELECT current_setting('threads')")).getRows()[0][0];
  for (const [i, v] of variants.entries()) {
    const table = `p${i}`;
    await con.run(`CREATE TABLE ${table} AS SELECT park, reached_date, bound, CAST(${v.expr} AS ${v.type}) AS amount FROM ${source}`);
    const sql = `SELECT park, count(*) AS n, sum(amount) AS s FROM ${table}
                 WHERE reached_date <= DATE '2020-06-30' AND amount >= ${v.threshold} AND bound < 5
                 GROUP BY park`;
    const times = [];
    const cores = [];
    let out;
    for (let r = 0; r < runs; ++r) {
      const c0 = process.cpuUsage();
      const t0 = process.hrtime.bigint();
      const reader = await con.runAndReadAll(sql);
      out = reader.getRows();
      const t1 = process.hrtime.bigint();
      const c1 = process.cpuUsage(c0);
      const wall = Number(t1 - t0) / 1e6;
      times.push(wall);
      cores.push((c1.user + c1.system) / 1000 / wall);
    }
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    // Checksum: groups, total count, total sum in 1/10,000 yuan.
    let count = 0n;
    let sum = 0n;
    for (const row of out) {
      count += BigInt(row[1]);
      const s = row[2];
      sum += v.type === 'BIGINT' ? BigInt(String(s)) * v.toUnits : scaled(s.toString(), 4);
    }
    const ok = out.length === Number(lib.groups) && count === BigInt(lib.count) && sum === BigInt(lib.sum_units);
    results.push({ name: `DuckDB ${v.name}, threads=${used}`, median: median(times), cores: median(cores), ok,
                   groups: out.length, count, sum });
    await con.run(`DROP TABLE ${table}`);
  }
}

const libMs = Number(lib.library_median_ms);
const fmt = (x) => (x / 1e6).toFixed(2).padStart(8) + 'M';
console.log(`DuckDB ${version}; ${rows} projects; median of ${runs} runs (query only, loading not timed)`);
console.log('engine'.padEnd(45) + 'median ms'.padStart(11) + 'rows/s'.padStart(11) + '  cores' + '  library ÷ engine (speed)  result');
console.log('parkinvest Query (Money, 128-bit), 1 thread'.padEnd(45) + libMs.toFixed(2).padStart(11) +
            fmt(rows / (libMs / 1000)).padStart(11) + '   1.00' + '  1.00x'.padEnd(28) + 'reference');
let mismatch = false;
for (const r of results) {
  const ratio = (r.median / libMs).toFixed(2) + 'x';
  console.log(r.name.padEnd(45) + r.median.toFixed(2).padStart(11) + fmt(rows / (r.median / 1000)).padStart(11) +
              r.cores.toFixed(2).padStart(7) + ('  ' + ratio).padEnd(28) +
              (r.ok ? 'same groups, counts and sums' : `MISMATCH (groups ${r.groups}, count ${r.count}, sum ${r.sum})`));
  if (!r.ok) mismatch = true;
}
console.log('(library ÷ engine > 1: the library is faster)');
if (mismatch) {
  console.error(`compare_duckdb: DuckDB and the library disagree (library: groups ${lib.groups}, count ${lib.count}, sum ${lib.sum_units})`);
  process.exit(1);
}
