import { buildDemoBook } from '../../demo/book';
import { parseAccount, parseSignal, parseIsoDate } from '../../engine/model';
import { getSignalType } from '../../engine/taxonomy';

describe('the bundled demo book', () => {
	const book = buildDemoBook('2026-11-23T07:00:00Z');

	test('has 30 valid accounts with unique ids and an owner each', () => {
		expect(book.accounts).toHaveLength(30);
		const accounts = book.accounts.map((a, i) => parseAccount(a, i));
		expect(new Set(accounts.map((a) => a.accountId)).size).toBe(30);
		for (const account of accounts) expect(account.owners.csm?.name).toBeTruthy();
	});

	test('every signal is a valid canonical Signal of a known type, for a known account, polarity from the taxonomy', () => {
		const accountIds = new Set(book.accounts.map((a) => a.accountId));
		book.signals.forEach((raw, i) => {
			const signal = parseSignal(raw, i);
			expect(accountIds.has(signal.accountId)).toBe(true);
			expect(signal.polarity).toBe(getSignalType(signal.type).polarity);
		});
		expect(new Set(book.signals.map((s) => s.id)).size).toBe(book.signals.length);
	});

	test('keeps the seed stories relative to the as-of date', () => {
		const acme = book.accounts.find((a) => a.accountId === 'acme')!;
		const days = parseIsoDate(acme.renewalDate)!.diff(parseIsoDate(book.asOf)!.startOf('day'), 'days').days;
		expect(Math.round(days)).toBe(87);
		const evergreen = book.accounts.find((a) => a.accountId === 'evergreen')!;
		expect(evergreen.onboarding?.kickoffAt).toBeUndefined();
		const fjord = book.signals.filter((s) => s.accountId === 'fjord');
		expect(fjord).toEqual([]);
	});

	test('tickets are Zendesk-shaped and belong to the book\'s organisations', () => {
		expect(book.tickets.length).toBeGreaterThan(100);
		for (const ticket of book.tickets) {
			expect(parseIsoDate(ticket.created_at)).not.toBeNull();
			expect(['urgent', 'high', 'normal', 'low']).toContain(ticket.priority);
		}
		expect(book.tickets.filter((t) => t.priority === 'urgent').map((t) => t.subject)).toEqual(['Payments dashboard down for all branches']);
	});
});

describe('the demo book through the engine (the stories the seeds tell)', () => {
	const { computeIntelligence } = require('../../engine/aggregate') as typeof import('../../engine/aggregate');
	const book = buildDemoBook('2026-11-23T07:00:00Z');
	const accounts = book.accounts.map((a, i) => parseAccount(a, i));
	const signals = book.signals.map((s, i) => parseSignal(s, i));
	const byId = new Map(computeIntelligence(accounts, signals, { asOf: book.asOf }).map((i) => [i.accountId, i]));

	test('Acme Corp: high risk at T-90, headline names the champion by name', () => {
		const acme = byId.get('acme')!;
		expect(acme.risk.score).toBeGreaterThan(7);
		expect(acme.renewal.stage).toBe('T-90');
		expect(acme.explanation[0]).toMatch(/^Risk 7\.\d: Dana Whitfield \(COO, champion\) attended 2 of 5 account meetings/);
		// each driver carries its signal's source, so decisions and alerts can link the evidence
		const champion = acme.risk.drivers.find((d) => d.type === 'meetings.exec_absence')!;
		expect(champion.source).toEqual(signals.find((s) => s.id === champion.signalId)!.source);
		expect(champion.source?.system).toBe('gong');
	});

	test('Brightline Health: usage +22% and a positive champion after first value → initiate', () => {
		const brightline = byId.get('brightline')!;
		expect(brightline.expansion.band).toBe('initiate');
		expect(brightline.expansion.components.usageGrowth.basis).toBe('usage +22% (full points at +20%)');
	});

	test('Fjord Marine: the quiet account is not green', () => {
		const fjord = byId.get('fjord')!;
		expect(fjord.health.band).not.toBe('green');
		expect(fjord.health.confidence).toBe('low');
	});
});
