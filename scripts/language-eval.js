#!/usr/bin/env node
/**
 * Reproduces engine/detect/language/EVALUATION.md: every candidate sentiment library on the labelled
 * customer-success sentences (test/fixtures/language/labelled-sentences.jsonl), alone and under our
 * customer-success layer (lexicon phrases with negation, neutral business words, lower-casing).
 *
 *   npx tsc -p tsconfig.json && node scripts/language-eval.js [--markdown]
 *
 * Candidates are devDependencies (only the winner is a dependency). No network: sizes and licences are read
 * from node_modules.
 */
const { readFileSync, readdirSync, statSync, existsSync } = require('node:fs');
const { join } = require('node:path');

const ROOT = join(__dirname, '..');
const built = join(ROOT, 'dist', 'engine', 'detect', 'language', 'index.js');
if (!existsSync(built)) {
	console.error('dist/ is missing: run `npx tsc -p tsconfig.json` first');
	process.exit(1);
}
const language = require(built);

const rows = readFileSync(join(ROOT, 'test', 'fixtures', 'language', 'labelled-sentences.jsonl'), 'utf8')
	.split('\n')
	.filter((line) => line.trim() !== '')
	.map((line) => JSON.parse(line));

const AFINN = new (require('sentiment'))();
const wink = require('wink-sentiment');

const LIBRARIES = [
	{ package: 'vader-sentiment', library: language.VADER },
	{ package: 'sentiment', library: { name: 'sentiment (AFINN-165)', rawScore: (text) => AFINN.analyze(text).score } },
	{ package: 'wink-sentiment', library: { name: 'wink-sentiment', rawScore: (text) => wink(text).score } },
];

const LABELS = ['positive', 'negative', 'neutral'];

function metrics(subset, predict) {
	const confusion = {};
	let correct = 0;
	for (const row of subset) {
		const predicted = predict(row);
		if (predicted === row.label) correct++;
		confusion[`${row.label}>${predicted}`] = (confusion[`${row.label}>${predicted}`] || 0) + 1;
	}
	let f1Sum = 0;
	for (const label of LABELS) {
		const tp = confusion[`${label}>${label}`] || 0;
		const fp = LABELS.filter((l) => l !== label).reduce((sum, l) => sum + (confusion[`${l}>${label}`] || 0), 0);
		const fn = LABELS.filter((l) => l !== label).reduce((sum, l) => sum + (confusion[`${label}>${l}`] || 0), 0);
		const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
		const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
		f1Sum += precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
	}
	return { n: subset.length, accuracy: correct / subset.length, macroF1: f1Sum / LABELS.length };
}

function packageFacts(name) {
	const dir = join(ROOT, 'node_modules', name);
	const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
	const size = (path) => (statSync(path).isDirectory() ? readdirSync(path).reduce((sum, entry) => sum + size(join(path, entry)), 0) : statSync(path).size);
	const deps = Object.keys(pkg.dependencies || {});
	return { version: pkg.version, licence: pkg.license, kb: Math.round(size(dir) / 1024), deps };
}

const subsets = {
	all: rows,
	dev: rows.filter((r) => r.split === 'dev'),
	test: rows.filter((r) => r.split === 'test'),
	negation: rows.filter((r) => r.tags.includes('neg')),
	negationTest: rows.filter((r) => r.tags.includes('neg') && r.split === 'test'),
};

const results = [];
for (const { package: name, library } of LIBRARIES) {
	for (const layer of [false, true]) {
		const predict = (row) => language.scoreSentence(row.text, { library, domainLayer: layer }).label;
		const m = Object.fromEntries(Object.entries(subsets).map(([key, subset]) => [key, metrics(subset, predict)]));
		results.push({ name: library.name, package: name, layer, ...m, facts: packageFacts(name) });
	}
}

const pct = (x) => `${(x * 100).toFixed(1)}%`;
const counts = LABELS.map((label) => `${rows.filter((r) => r.label === label).length} ${label}`).join(', ');
console.log(`Labelled set: ${rows.length} sentences (${counts}); ${subsets.negation.length} with negation; dev ${subsets.dev.length} / held-out test ${subsets.test.length}.\n`);
console.log('| Library | Layer | Accuracy (all) | Macro-F1 (all) | Negation accuracy (all) | Accuracy (held-out) | Macro-F1 (held-out) | Negation (held-out) | Size | Licence | Runtime deps |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|');
for (const r of results) {
	console.log(
		`| ${r.name} ${r.facts.version} | ${r.layer ? 'with CS layer' : 'library alone'} | ${pct(r.all.accuracy)} | ${r.all.macroF1.toFixed(3)} | ${pct(r.negation.accuracy)} | ` +
			`${pct(r.test.accuracy)} | ${r.test.macroF1.toFixed(3)} | ${pct(r.negationTest.accuracy)} | ${r.facts.kb} kB | ${r.facts.licence} | ${r.facts.deps.join(', ') || 'none'} |`,
	);
}
if (process.argv.includes('--json')) console.log(JSON.stringify(results, null, 2));
