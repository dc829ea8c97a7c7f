/**
 * Privacy: no transcript, e-mail or Slack text leaves detection beyond the quoted snippet of a triggering sentence.
 * A canary sentence that triggers nothing is planted in the middle of long histories; it must appear in no output.
 */
import { analyseUnits } from '../../engine/detect/language';
import { detectEmailSignals } from '../../engine/detect/email';
import { detectMeetingSignals } from '../../engine/detect/meetings';
import { detectSlackSignals } from '../../engine/detect/slack';
import { DANA, DECLINING_CALLS, SAM, call, entries } from '../fixtures/conversations/meetings';
import { emailEntries, inbound, outbound } from '../fixtures/conversations/email';
import { customer, slackEntries, vendor } from '../fixtures/conversations/slack';

const CANARY = 'The orange giraffe keeps its passport in the blue filing cabinet near the window.';
const CANARY_WORDS = ['orange giraffe', 'passport', 'filing cabinet'];
// longer than a snippet (120 characters): only its cut, centred on "justify the cost", may appear
const TRIGGER =
	'After a long discussion with the wider leadership group about every tool we pay for this year, we need to justify the cost before renewal, ' +
	'line by line, with numbers, for the board pack that the finance team sends to the group at the end of the quarter.';
const TRIGGER_HEAD = 'After a long discussion';
const TRIGGER_TAIL = 'finance team sends to the group';

const FILLER = [
	'Let me share my screen so we can walk through the setup.',
	'The report runs every Monday morning.',
	'We moved the data team under operations last month.',
	'Our fiscal year starts in April.',
	'I will forward the invoice to accounts payable.',
];
const filler = (n: number) => Array.from({ length: n }, (_, i) => FILLER[i % FILLER.length]);

function expectNoLeak(output: unknown) {
	const text = JSON.stringify(output);
	for (const fragment of [CANARY, ...CANARY_WORDS]) expect(text).not.toContain(fragment);
	expect(text).not.toContain(TRIGGER);
	expect(text).not.toContain(TRIGGER_HEAD);
	expect(text).not.toContain(TRIGGER_TAIL);
	return text;
}

const AS_OF = '2026-11-20T12:00:00Z';

describe('no conversation text beyond the quoted snippet', () => {
	it('meetings: a canary in the middle of a long transcript appears in no signal', () => {
		const turns: Array<[string, string]> = [...filler(40).map((t): [string, string] => ['Dana Kim', t]), ['Dana Kim', CANARY], ['Dana Kim', TRIGGER], ...filler(40).map((t): [string, string] => ['Sam Ortiz', t])];
		const meetings = [...DECLINING_CALLS.slice(0, 2), call('c3', '2026-11-12', [...turns, ['Dana Kim', 'Honestly the support experience has been frustrating and we are not happy.']], { participants: [DANA, SAM] })];
		const detections = detectMeetingSignals(entries(meetings), { asOf: AS_OF });
		expect(detections.length).toBeGreaterThan(0);
		const text = expectNoLeak(detections);
		expect(text).toContain('on the 12 Nov call: \\"…about every tool we pay for this year, we need to justify the cost before renewal, line by line, with numbers, for the…\\"');
		expectNoLeak(analyseUnits(turns.map(([name, t]) => ({ speaker: { key: name, name, side: 'customer' as const, champion: false, execSponsor: false }, text: t }))));
	});

	it('e-mail: a canary in a long message body, and in quoted history, appears in no signal', () => {
		const body = [...filler(30), CANARY, TRIGGER, ...filler(30)].join(' ') + `\n\nOn Mon, 16 Nov 2026 at 09:12, Sam <sam@vendor.io> wrote:\n> ${CANARY}`;
		const messages = [outbound('2026-11-17T09:00:00Z'), inbound('2026-11-18T10:00:00Z', { text: body })];
		const detections = detectEmailSignals(emailEntries(messages), { asOf: AS_OF });
		expect(detections.map((d) => d.signal.type)).toEqual(['email.budget_language']);
		expect(expectNoLeak(detections)).toContain('we need to justify the cost before renewal');
	});

	it('Slack: a canary in the middle of a long channel history appears in no signal', () => {
		const history = [
			...filler(30).map((t, i) => customer(`2026-11-1${i % 9}T0${i % 9}:00:00Z`, t, { user: `U${i}` })),
			customer('2026-11-18T10:00:00Z', CANARY),
			customer('2026-11-18T10:05:00Z', TRIGGER),
			customer('2026-11-18T10:10:00Z', 'This is unacceptable, please escalate to your manager.'),
			...filler(30).map((t, i) => vendor(`2026-11-19T0${i % 9}:00:00Z`, t)),
		];
		const detections = detectSlackSignals(slackEntries(history), { asOf: AS_OF });
		expect(detections.length).toBeGreaterThan(0);
		expectNoLeak(detections);
	});

	it('redaction masks names and numbers inside the snippet', () => {
		const meeting = call('c9', '2026-11-18', [['Dana Kim', 'Sam, we need to justify the cost of 40 seats to Dana Kim, call me on +1 415 555 0100.']]);
		const [budget] = detectMeetingSignals(entries([meeting]), { asOf: AS_OF, redact: true }).map((d) => d.signal);
		expect(budget.evidence).toBe('Dana Kim (Acme, VP Ops) on the 18 Nov call: "[name], we need to justify the cost of [number] seats to [name], call me on [phone]."');
	});
});
