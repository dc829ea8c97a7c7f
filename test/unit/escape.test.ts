import { TRUNCATION_MARK, escapeHtml, escapeMarkdown, escapeSlack, safeUrl, truncateEscaped, truncateText } from '../../engine/act/render';
import { buildBrief, buildSlackAlert, BRIEF_TYPES } from '../../engine/act/briefs';
import { buildPortfolioReport } from '../../engine/act/report';
import { AccountSchema, SignalSchema, signalId } from '../../engine/model';
import { ACCOUNTS, SIGNALS, demoAction, demoIntelligence } from '../fixtures/briefs/demo';
import { allSlackText, slackPings, validateSlackMessage } from '../fixtures/briefs/block-kit';

describe('escaping per medium', () => {
	test('HTML: markup becomes text', () => {
		expect(escapeHtml('<script>alert(1)</script>')).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
		expect(escapeHtml('"a" & \'b\'')).toBe('&quot;a&quot; &amp; &#39;b&#39;');
	});
	test('Slack: no mention, broadcast, link or formatting survives', () => {
		const out = escapeSlack('*bold* & <@U123> <!channel> <!here> @here <https://evil.example|click>');
		expect(out).toBe('\u2060*bold\u2060* &amp; &lt;@U123&gt; &lt;!channel&gt; &lt;!here&gt; @\u2060here &lt;https://evil.example|click&gt;');
		expect(slackPings(out)).toEqual([]);
	});
	test('Markdown: emphasis, links, HTML, headings and list markers render literally', () => {
		expect(escapeMarkdown('*bold* [x](javascript:alert(1)) <b>')).toBe('\\*bold\\* \\[x\\](javascript:alert(1)) &lt;b&gt;');
		expect(escapeMarkdown('# not a heading')).toBe('\\# not a heading');
		expect(escapeMarkdown('1. not a list')).toBe('1\\. not a list');
		expect(escapeMarkdown('see https://evil.example')).toBe('see https:\\/\\/evil.example');
	});
	test('links: http(s) only', () => {
		expect(safeUrl('javascript:alert(1)')).toBeNull();
		expect(safeUrl('data:text/html,x')).toBeNull();
		expect(safeUrl('https://x.example/a b')).toBe('https://x.example/a%20b');
		expect(safeUrl(`https://x.example/${'a'.repeat(3000)}`)).toBeNull();
	});
	test('truncation says so and never splits an entity or a surrogate pair', () => {
		expect(truncateText('abcdef', 10)).toBe('abcdef');
		const cut = truncateText('x'.repeat(100), 20);
		expect(cut).toBe(`${'x'.repeat(20 - TRUNCATION_MARK.length)}${TRUNCATION_MARK}`);
		expect(cut.length).toBe(20);
		expect(truncateEscaped(escapeHtml('&&&&&&&&&&&&&&&&&&&&'), 20)).toBe(`&amp;${TRUNCATION_MARK}`);
		expect(truncateText('😀😀😀😀😀😀😀😀😀😀😀😀', 16)).toBe(`😀${TRUNCATION_MARK}`);
	});
});

describe('hostile account, contact and evidence text in every medium', () => {
	const hostileName = '<script>alert(1)</script> *bold* & <@U123> <!channel> [x](javascript:alert(1))';
	const huge = `${'<b>A</b> @here '.repeat(7000)}`; // ~112 kB
	const account = AccountSchema.parse({
		...ACCOUNTS[0],
		name: hostileName,
		contacts: [{ name: '<img src=x onerror=alert(1)> <@U999>', title: '*CEO*', seniority: 'c_level', lastEngagedAt: '2026-02-25T00:00:00Z', status: 'active' }],
		crm: { system: 'hubspot', id: '1', url: 'https://app.hubspot.com/x?a=<b>' },
	});
	const signals = [
		SignalSchema.parse({ ...SIGNALS[0], evidence: huge }),
		SignalSchema.parse({ ...SIGNALS[1], id: signalId('zendesk', 'evil', 'support.volume_spike'), evidence: '<!everyone> `rm -rf` _x_ ~y~', source: { system: 'zendesk', ref: 'evil', url: 'javascript:alert(1)' } }),
		...SIGNALS.slice(2, 8),
	];
	const [intel] = demoIntelligence([account], signals);

	test.each(BRIEF_TYPES)('%s brief', (type) => {
		const out = buildBrief(type, { intelligence: intel, signals });
		expect(out.html).not.toMatch(/<script|<img|<b>|href="javascript/i);
		expect(out.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
		expect(out.markdown).not.toMatch(/<script|<img|<b>|(?<!\\)\]\(javascript|<@U|<!channel/);
		expect(slackPings(allSlackText(out.slack))).toEqual([]);
		expect(allSlackText(out.slack)).not.toMatch(/<javascript:|"url":"javascript/);
		expect(validateSlackMessage(out.slack)).toEqual([]);
		// 100 kB evidence is cut, and says so, in every medium.
		for (const text of [out.html, out.markdown]) {
			expect(text.length).toBeLessThan(40_000);
		}
		if (out.markdown.includes('Exec champion departed:')) expect(out.markdown).toContain(TRUNCATION_MARK);
	});

	test('Slack alert and portfolio report', () => {
		const alert = buildSlackAlert({ actions: [demoAction(intel, { accountName: hostileName })], signals });
		expect(validateSlackMessage(alert.slack)).toEqual([]);
		expect(slackPings(allSlackText(alert.slack)).filter((p) => p !== '<@U01SAMRV>')).toEqual([]);
		const report = buildPortfolioReport({ intelligence: [intel] });
		expect(report.html).not.toMatch(/<script|<img|<b>A|href="javascript/i);
		expect(report.html).toContain('&lt;script&gt;');
		expect(report.markdown).not.toMatch(/<script|<b>/);
		expect(slackPings(allSlackText(report.slack))).toEqual([]);
		expect(validateSlackMessage(report.slack)).toEqual([]);
	});
});
