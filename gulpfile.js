/* Copies what tsc does not: node/credential icons and codex files, the shipped rule packs and the workflow templates. */
const { src, dest, parallel } = require('gulp');

function icons() {
	return src(['nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}', 'nodes/**/*.node.json'], { base: '.', encoding: false }).pipe(dest('dist'));
}

function rulePacks() {
	return src('rules/**/*.json', { base: '.', allowEmpty: true }).pipe(dest('dist'));
}

function templates() {
	return src(['workflows/**/*.json', 'workflows/**/*.md'], { base: '.', allowEmpty: true }).pipe(dest('dist'));
}

exports.build = parallel(icons, rulePacks, templates);
exports.default = exports.build;
