'use strict';
/**
 * Measuring on a shared machine. Wall-clock time swings with whatever else runs on the cores (other test
 * runs wait for the same CPU); the CPU time this process spent (process.cpuUsage: user + system, every
 * thread of the process, GC helpers included) does not count time spent waiting for a core, so it is the
 * primary figure. Wall time is measured alongside and reported.
 *
 * `interleaved` runs the engine and the baseline alternately for several rounds (E B, B E, E B, …) so load
 * that comes and goes hits both sides alike, forces a GC before every timed run when node runs with
 * --expose-gc (run-case.js makes sure it does), keeps no result alive across runs, and reports the median.
 */

const cpuNow = () => {
	const u = process.cpuUsage();
	return (u.user + u.system) / 1000;
};

const median = (values) => {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** One timed run: CPU ms and wall ms of `fn` (awaited), after a forced GC. The result is not kept. */
async function timeOnce(fn) {
	if (global.gc) global.gc();
	const cpu0 = cpuNow();
	const wall0 = process.hrtime.bigint();
	const result = await fn();
	const wallMs = Number(process.hrtime.bigint() - wall0) / 1e6;
	const cpuMs = cpuNow() - cpu0;
	// touch the result so the work cannot be optimised away, then let it go
	if (result === undefined) throw new Error('a timed run must return its result');
	return { cpuMs, wallMs };
}

/**
 * Run `engine` and `baseline` `rounds` times each, alternating which goes first, and return the median CPU
 * and wall times of each side plus every sample.
 */
async function interleaved({ engine, baseline, rounds = 5 }) {
	const samples = { engine: [], baseline: [] };
	for (let r = 0; r < rounds; r++) {
		const order = r % 2 === 0 ? ['engine', 'baseline'] : ['baseline', 'engine'];
		for (const side of order) samples[side].push(await timeOnce(side === 'engine' ? engine : baseline));
	}
	const summary = (list) => ({
		cpuMs: median(list.map((s) => s.cpuMs)),
		wallMs: median(list.map((s) => s.wallMs)),
		cpuMsAll: list.map((s) => Math.round(s.cpuMs)),
		wallMsAll: list.map((s) => Math.round(s.wallMs)),
	});
	return { engine: summary(samples.engine), baseline: summary(samples.baseline), rounds, gcForced: typeof global.gc === 'function' };
}

/** The standard result fields of a case from an `interleaved` measurement over `units` items. */
function figures(measured, units) {
	const per = (ms) => units / (ms / 1000);
	const throughput = per(measured.engine.cpuMs);
	const baselineThroughput = per(measured.baseline.cpuMs);
	const wallThroughput = per(measured.engine.wallMs);
	const baselineWallThroughput = per(measured.baseline.wallMs);
	const r2 = (v) => Math.round(v * 100) / 100;
	return {
		throughput: Math.round(throughput),
		baselineThroughput: Math.round(baselineThroughput),
		ratio: r2(baselineThroughput / throughput),
		wallThroughput: Math.round(wallThroughput),
		baselineWallThroughput: Math.round(baselineWallThroughput),
		wallRatio: r2(baselineWallThroughput / wallThroughput),
		engineMs: Math.round(measured.engine.cpuMs),
		baselineMs: Math.round(measured.baseline.cpuMs),
		engineWallMs: Math.round(measured.engine.wallMs),
		baselineWallMs: Math.round(measured.baseline.wallMs),
		engineCpuMsAll: measured.engine.cpuMsAll,
		baselineCpuMsAll: measured.baseline.cpuMsAll,
		rounds: measured.rounds,
		gcForced: measured.gcForced,
	};
}

module.exports = { interleaved, figures, median, timeOnce };
