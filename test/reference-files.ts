/**
 * Reference files under the project's shared folder (/work/shared/reference beside the clone), read where they
 * are and never copied into the repository. Each is found through an environment variable (a file or the folder
 * holding it), else `../shared/reference/<file>` relative to the repository. A clone without it skips the suites
 * that need it and says why; under CI=true a missing file fails instead (CI always has it) — the same rule as
 * `describeAgainstSpecs` in test/fakes/openapi.ts.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const DEFAULT_REFERENCE_DIR = path.resolve(__dirname, '../../shared/reference');

export interface ReferenceFile {
	path: string;
	available: boolean;
	reason?: string;
}

/** Where `file` is: `$envVar` (the file itself, or a folder holding it), else ../shared/reference/<file>. */
export function referenceFile(file: string, envVar: string): ReferenceFile {
	const configured = process.env[envVar];
	let candidate = path.join(DEFAULT_REFERENCE_DIR, file);
	if (configured) candidate = fs.existsSync(configured) && fs.statSync(configured).isDirectory() ? path.join(configured, file) : configured;
	if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return { path: candidate, available: true };
	const how = configured ? `${envVar}=${configured}` : `no ${envVar}, and not in ../shared/reference beside the clone`;
	return { path: candidate, available: false, reason: `the reference file ${file} is not at ${candidate} (${how}); point ${envVar} at it` };
}

/**
 * The one rule for a suite that needs something from outside the repository: when `found` is available the
 * suite runs; otherwise one skipped test whose name says why (jest lists it as skipped, and stderr says so) —
 * or, under CI=true, one failing test, because CI must never pass without the check. `tag` prefixes the stderr
 * line ("[conformance]", "[reference]"); `what` names what was missing in the CI failure.
 */
export function describeWhenAvailable(
	title: string,
	found: { available: boolean; reason?: string },
	body: () => void,
	labels: { tag: string; what: string; test: string },
): void {
	if (found.available) {
		describe(title, body);
		return;
	}
	if (process.env.CI === 'true') {
		describe(title, () => {
			it(`has ${labels.what} (CI=true)`, () => {
				throw new Error(`${found.reason}. CI=true: this suite must run in CI.`);
			});
		});
		return;
	}
	process.stderr.write(`${labels.tag} SKIPPED "${title}": ${found.reason}\n`);
	describe.skip(`${title} — SKIPPED: ${found.reason}`, () => {
		it(labels.test, () => undefined);
	});
}

/** `describeWhenAvailable` for a reference JSON file: the suite gets the file's parsed contents. */
export function describeWithReferenceJson<T = unknown>(title: string, file: string, envVar: string, body: (contents: T) => void): void {
	const found = referenceFile(file, envVar);
	describeWhenAvailable(title, found, () => body(JSON.parse(fs.readFileSync(found.path, 'utf8')) as T), {
		tag: '[reference]',
		what: `${file} to test against`,
		test: 'runs against the reference file',
	});
}
