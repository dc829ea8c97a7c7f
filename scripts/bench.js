#!/usr/bin/env node
/**
 * npm run bench [-- --json] [-- --case <name>] [-- --accounts N --signals N]
 *
 * Runs every benchmark case in scripts/bench/cases/ (one file per case exporting { name, run(options) },
 * run(options) returning { throughput, baselineThroughput, ratio, ...details }) against the compiled
 * engine in dist/ (`npm run bench` compiles first). Each case runs in its own Node process (with
 * --expose-gc) so its peak RSS is its own. A benchmark, not a test: it prints numbers and never fails on them.
 * Cases that use bench/measure.js report CPU time (primary: robust to other processes sharing the cores)
 * and wall time, medians of interleaved engine/baseline rounds; --json keeps the tracked fields and adds
 * wallRatio (and alertVolume, the alert-volume case's figures; ledger, the ledger case's sizes) when a case has it.
 *
 * Adding a case: drop a file in scripts/bench/cases/ — see cases/aggregation.js.
 */
'use strict';
const { execFileSync } = require('node:child_process');
const { readdirSync } = require('node:fs');
const { join } = require('node:path');

function parseArgs(argv) {
	const options = { json: false, case: undefined, params: {} };
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === '--json') options.json = true;
		else if (arg === '--case') options.case = argv[++i];
		else if (arg.startsWith('--')) options.params[arg.slice(2)] = Number.isNaN(Number(argv[i + 1])) ? argv[i + 1] : Number(argv[i + 1]), i++;
	}
	return options;
}

function main() {
	const options = parseArgs(process.argv.slice(2));
	const casesDir = join(__dirname, 'bench', 'cases');
	const files = readdirSync(casesDir).filter((f) => f.endsWith('.js')).sort();
	const cases = [];
	for (const file of files) {
		const name = require(join(casesDir, file)).name;
		if (options.case && options.case !== name) continue;
		if (!options.json) process.stderr.write(`bench: running ${name}…\n`);
		const stdout = execFileSync(process.execPath, ['--expose-gc', join(__dirname, 'bench', 'run-case.js'), join(casesDir, file), JSON.stringify(options.params)], {
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'inherit'],
			maxBuffer: 16 * 1024 * 1024,
		});
		cases.push(JSON.parse(stdout.trim().split('\n').pop()));
	}
	if (options.case && cases.length === 0) {
		process.stderr.write(`bench: no case named "${options.case}"\n`);
		process.exitCode = 1;
		return;
	}
	if (options.json) {
		process.stdout.write(`${JSON.stringify({ cases: cases.map(({ name, throughput, baselineThroughput, ratio, peakRssMb, wallRatio, alertVolume, ledger }) => ({ name, throughput, baselineThroughput, ratio, peakRssMb, ...(wallRatio === undefined ? {} : { wallRatio }), ...(alertVolume === undefined ? {} : { alertVolume }), ...(ledger === undefined ? {} : { ledger }) })) })}\n`);
		return;
	}
	const n = (v) => Math.round(v).toLocaleString('en-US');
	for (const c of cases) {
		const cpu = c.engineWallMs !== undefined; // cases measured with ../bench/measure.js report CPU and wall time
		process.stdout.write(
			[
				`${c.name}: ${c.description ?? ''}`,
				`  engine:    ${n(c.throughput)} ${c.unit ?? 'items'}/s (${c.engineMs} ms${cpu ? ` CPU, ${c.engineWallMs} ms wall` : ''})`,
				`  baseline:  ${n(c.baselineThroughput)} ${c.unit ?? 'items'}/s (${c.baselineMs} ms${cpu ? ` CPU, ${c.baselineWallMs} ms wall` : ''})`,
				`  ratio:     ${c.ratio}${cpu ? ' by CPU time' : ''} (${c.goalRatio === null ? 'no speed goal' : `baseline ÷ engine; goal ≤ ${c.goalRatio ?? 3}`})${cpu ? `; by wall time ${c.wallRatio}` : ''}`,
				`  peak RSS:  ${c.peakRssMb} MB`,
				...(c.notes ?? []).map((note) => `  ${note}`),
				'',
			].join('\n'),
		);
	}
}

main();
