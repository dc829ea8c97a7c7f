'use strict';
/** Child process: run one case, print its result (plus this process's peak RSS) as the last stdout line. */
const [file, params] = process.argv.slice(2);
const benchCase = require(file);
Promise.resolve(benchCase.run(JSON.parse(params || '{}'))).then((result) => {
	const peakRssMb = Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;
	process.stdout.write(`${JSON.stringify({ name: benchCase.name, ...result, peakRssMb })}\n`);
});
