/* Prints one closing line CI can read: "tests: N passed, N failed" (plus skipped when any), and the
 * name of every skipped test, whose name says why it was skipped (e.g. the spec folder is missing). */
class SummaryReporter {
	onRunComplete(_contexts, results) {
		const skipped = results.numPendingTests + results.numTodoTests;
		const lines = [`tests: ${results.numPassedTests} passed, ${results.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`];
		for (const file of results.testResults) {
			for (const test of file.testResults) if (test.status === 'pending' || test.status === 'todo') lines.push(`  skipped: ${test.fullName}`);
		}
		process.stdout.write(`\n${lines.join('\n')}\n`);
	}
}
module.exports = SummaryReporter;
