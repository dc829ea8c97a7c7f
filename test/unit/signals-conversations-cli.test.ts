/**
 * `cs-signal-os signals meetings|email|slack`: the conversation nodes' detectors over exported data, with accounts
 * mapping items to accounts; exact signals, bad items named by file and index (failing, or listed on stderr with
 * --skip-unusable), usage errors.
 */
import { main } from '../../bin/cs-signal-os';
import type { CliIo } from '../../bin/commands/cli';

function io(files: Record<string, string>) {
	const out: string[] = [];
	const err: string[] = [];
	const cli: CliIo = {
		stdout: (text) => out.push(text),
		stderr: (text) => err.push(text),
		readFile: (path) => {
			if (!(path in files)) throw new Error(`ENOENT: no such file or directory, open '${path}'`);
			return files[path];
		},
	};
	return { cli, out, err };
}

const ACCOUNTS = JSON.stringify([{ accountId: 'acme', name: 'Acme Corp', domain: 'acme.com', contacts: [{ name: 'Dana Kim', title: 'VP Ops', isChampion: true }] }]);
const VTT = (text: string) => `WEBVTT\n\n1\n00:00:01.000 --> 00:00:04.000\n<v Dana Kim>${text}\n`;
const DANA = { name: 'Dana Kim', email: 'dana@acme.com', affiliation: 'customer' };

describe('cs-signal-os signals meetings | email | slack', () => {
	it('meetings: transcript files beside the input, accounts by participant domain, champions from the accounts', async () => {
		const { cli, out, err } = io({
			'/data/meetings.json': JSON.stringify([
				{ callId: 'z-1', startedAt: '2026-11-10T15:00:00Z', participants: [DANA], transcriptFile: 'z-1.vtt' },
				{ callId: 'z-2', startedAt: '2026-11-17T15:00:00Z', participants: [DANA], transcript: VTT('We are not planning to cancel, we are happy with it.') },
			]),
			'/data/z-1.vtt': VTT('We need to justify the cost before renewal.'),
			'/data/accounts.json': ACCOUNTS,
		});
		const code = await main(['signals', 'meetings', '--input', '/data/meetings.json', '--accounts', '/data/accounts.json', '--as-of', '2026-11-20T12:00:00Z'], cli);
		expect(err).toEqual([]);
		expect(code).toBe(0);
		expect(JSON.parse(out.join('')).map((s: any) => [s.type, s.accountId, s.evidence])).toEqual([
			['meetings.budget_language', 'acme', 'Dana Kim (Acme Corp, VP Ops) on the 10 Nov call: "We need to justify the cost before renewal."'],
			['meetings.champion_positive', 'acme', 'Champion Dana Kim (Acme Corp, VP Ops) was positive on the 17 Nov call (sentiment +0.80): "We are not planning to cancel, we are happy with it."'],
		]);
	});

	it('email: header-text addresses, our domains for the direction, the counterpart’s domain for the account', async () => {
		const { cli, out } = io({
			'/data/mail.jsonl': [
				{ messageId: 'm1', threadId: 't1', from: 'Sam Ortiz <sam@vendor.io>', to: 'Dana Kim <dana@acme.com>', sentAt: '2026-11-16T09:00:00Z' },
				{ messageId: 'm2', threadId: 't1', from: 'Dana Kim <dana@acme.com>', to: 'sam@vendor.io', sentAt: '2026-11-16T15:00:00Z', text: 'We have decided to cancel at the end of the term.' },
			].map((m) => JSON.stringify(m)).join('\n'),
			'/data/accounts.json': ACCOUNTS,
		});
		const code = await main(['signals', 'email', '--input', '/data/mail.jsonl', '--accounts', '/data/accounts.json', '--vendor-domains', 'vendor.io', '--as-of', '2026-11-20T12:00:00Z'], cli);
		expect(code).toBe(0);
		expect(JSON.parse(out.join('')).map((s: any) => [s.type, s.accountId, s.evidence])).toEqual([
			['crm.cancel_intent', 'acme', 'Dana Kim (Acme Corp) wrote on 16 Nov: "We have decided to cancel at the end of the term."'],
		]);
	});

	it('slack: Slack’s own message shape, the channel mapping, a bad item on stderr with exit 1 while the rest still come', async () => {
		const { cli, out, err } = io({
			'/data/accounts.json': ACCOUNTS,
			'/data/slack.json': JSON.stringify([
				{ channel: 'C0ACME', ts: `${Date.parse('2026-11-19T10:00:00Z') / 1000}.000100`, user: 'U1', user_team: 'T0ACME', text: 'This is unacceptable, please escalate.' },
				{ channel: 'C0ACME', ts: 'yesterday', user: 'U1', user_team: 'T0ACME', text: 'Hi' },
			]),
			'/data/mapping.json': JSON.stringify([{ from: 'C0ACME', accountId: 'acme', accountName: 'Acme' }]),
		});
		const args = ['signals', 'slack', '--input', '/data/slack.json', '--accounts', '/data/accounts.json', '--mapping', '/data/mapping.json', '--our-team', 'T0VENDOR', '--map', 'channelId=channel', '--as-of', '2026-11-20T12:00:00Z'];
		expect(await main(args, cli)).toBe(1);
		expect(err).toEqual(['1 unusable item; no signals were printed (--skip-unusable prints the others):\n/data/slack.json: Slack message 1: ts "yesterday" is not a Slack timestamp such as "1763640000.000100"']);
		err.length = 0;
		expect(await main([...args, '--skip-unusable'], cli)).toBe(0);
		expect(JSON.parse(out.join('')).map((s: any) => [s.type, s.evidence])).toEqual([['slack.escalation_language', 'U1 (Acme Corp) in channel C0ACME on 19 Nov: "This is unacceptable, please escalate."']]);
		expect(err).toEqual(['1 item skipped:\n/data/slack.json: Slack message 1: ts "yesterday" is not a Slack timestamp such as "1763640000.000100"']);
	});

	it('names an unknown source or option and a missing input', async () => {
		const unknown = io({});
		expect(await main(['signals', 'calls', '--input', 'x'], unknown.cli)).toBe(1);
		expect(unknown.err[0]).toMatch(/^Unknown source "calls" for "signals" \(known: usage, exec, market, meetings, email, slack\)\./);
		const option = io({});
		expect(await main(['signals', 'email', '--our-team', 'T1'], option.cli)).toBe(1);
		expect(option.err[0]).toMatch(/^Unknown option --our-team for "signals email"\./);
		const missing = io({});
		expect(await main(['signals', 'slack'], missing.cli)).toBe(1);
		expect(missing.err[0]).toMatch(/^Both --input and --accounts are required\./);
		const transcript = io({ '/d/m.json': JSON.stringify([{ callId: 'x', transcriptFile: 'none.vtt' }]), '/d/a.json': '[]' });
		expect(await main(['signals', 'meetings', '--input', '/d/m.json', '--accounts', '/d/a.json'], transcript.cli)).toBe(1);
		expect(transcript.err[0]).toBe(`meeting 0: cannot read transcriptFile "none.vtt" (/d/none.vtt): ENOENT: no such file or directory, open '/d/none.vtt'`);
	});
});
