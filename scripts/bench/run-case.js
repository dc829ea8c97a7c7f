'use strict';
/**
 * Child process: run one case, print its result (plus this process's peak RSS) as the last stdout line.
 * Needs --expose-gc so the measurement can force a GC between timed runs; started without it (e.g. by
 * hand: `node scripts/bench/run-case.js <case file> '{"accounts":1000}'`), it runs itself again with it.
 */
const { spawnSync } = require('node:child_process');

if (typeof global.gc !== 'function' && !process.env.CS_BENCH_NO_GC_RESPAWN) {
	const child = spawnSync(process.execPath, ['--expose-gc', ...process.execArgv, __filename, ...process.argv.slice(2)], {
		stdio: 'inherit',
		env: { ...process.env, CS_BENCH_NO_GC_RESPAWN: '1' },
	});
	process.exit(child.status ?? 1);
}

const [file, params] = process.argv.slice(2);
const benchCase = require(file);
Promise.resolve(benchCase.run(JSON.parse(params || '{}'))).then((result) => {
	const peakRssMb = Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;
	process.stdout.write(`${JSON.stringify({ name: benchCase.name, ...result, peakRssMb })}\n`);
});
