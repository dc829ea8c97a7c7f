import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../bin/cs-signal-os';
import { SIGNALS, demoIntelligence } from '../fixtures/briefs/demo';
import { demoBook } from '../fixtures/briefs/book';
import { validateSlackMessage } from '../fixtures/briefs/block-kit';

function run(argv: string[], files: Record<string, string>) {
	const out: string[] = [];
	const err: string[] = [];
	const io = { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t), readFile: (p: string) => { if (!(p in files)) throw new Error('ENOENT'); return files[p]; } };
	return main(argv, io).then((code) => ({ code, stdout: out.join('\n'), stderr: err.join('\n') }));
}

const files = { 'intel.json': JSON.stringify(demoIntelligence()), 'signals.jsonl': SIGNALS.map((s) => JSON.stringify(s)).join('\n'), 'actions.json': JSON.stringify([...demoBook().actions, ...demoBook().actioned]) };

test('brief prints the golden markdown', async () => {
	const r = await run(['brief', '--intelligence', 'intel.json', '--account', 'acc-northwind', '--type', 'executive', '--signals', 'signals.jsonl'], files);
	expect(r).toEqual({ code: 0, stdout: readFileSync(join(__dirname, '..', 'golden', 'executive-northwind.md'), 'utf8'), stderr: '' });
});

test('brief --format slack prints valid Block Kit; html is a page', async () => {
	const slack = await run(['brief', '--intelligence', 'intel.json', '--account', 'acc-globex', '--type', 'pre-meeting', '--signals', 'signals.jsonl', '--format', 'slack'], files);
	expect(validateSlackMessage(JSON.parse(slack.stdout))).toEqual([]);
	const html = await run(['brief', '--intelligence', 'intel.json', '--account', 'acc-globex', '--type', 'ebr', '--format', 'html'], files);
	expect(html.stdout.startsWith('<!DOCTYPE html>')).toBe(true);
});

test('brief errors name the problem and the fix', async () => {
	expect(await run(['brief', '--intelligence', 'intel.json', '--account', 'acc-northwnd', '--type', 'executive'], files)).toEqual({
		code: 1,
		stdout: '',
		stderr: 'No account "acc-northwnd" in intel.json. Did you mean "acc-northwind"? Accounts: acc-northwind, acc-globex, acc-initech.',
	});
	const badType = await run(['brief', '--intelligence', 'intel.json', '--account', 'acc-globex', '--type', 'exec'], files);
	expect(badType.stderr).toBe('Unknown brief type "exec". Did you mean "executive"? Types: executive, pre-meeting, ebr, qbr.');
});

test('report prints html, markdown and slack', async () => {
	const html = await run(['report', '--intelligence', 'intel.json', '--actions', 'actions.json'], files);
	expect(html.code).toBe(0);
	expect(html.stdout).toContain('data-chart="triggers"');
	const md = await run(['report', '--intelligence', 'intel.json', '--format', 'markdown'], files);
	expect(md.stdout).toContain('| **Total ≤120 days** | 2 | €248,000 | €144,800 (58%) |');
	const slack = await run(['report', '--intelligence', 'intel.json', '--format', 'slack'], files);
	expect(validateSlackMessage(JSON.parse(slack.stdout))).toEqual([]);
	const bad = await run(['report', '--intelligence', 'intel.json', '--format', 'pdf'], files);
	expect(bad).toEqual({ code: 1, stdout: '', stderr: 'Unknown format "pdf". Formats: html, markdown, slack, json.' });
});
