import { DateTime } from 'luxon';
import {
	AccountSchema,
	ItemValidationError,
	SignalSchema,
	daysBetween,
	decisionId,
	parseAccount,
	parseIsoDate,
	parseIsoDuration,
	parseNamed,
	parseSignal,
	requireIsoDate,
	resolveAsOf,
	signalId,
	stableId,
	toIso,
	ValidationError,
} from '../../engine/model';

/** A valid Signal item; tests change one field at a time. */
const GOOD_SIGNAL = {
	id: signalId('zendesk', '4711', 'support.ticket_burst'),
	accountId: 'acme',
	category: 'support',
	type: 'support.ticket_burst',
	polarity: 'risk',
	severity: 7,
	observedAt: '2026-03-01T09:00:00+02:00',
	detectedAt: '2026-03-02T08:00:00Z',
	evidence: 'Acme opened 4 tickets between 23 Feb and 1 Mar 2026 (threshold: 3 in 7 days).',
	source: { system: 'zendesk', ref: '4711' },
};

function signalError(changes: Record<string, unknown>, index = 3): string {
	try {
		parseSignal({ ...GOOD_SIGNAL, ...changes }, index);
	} catch (error) {
		expect(error).toBeInstanceOf(ItemValidationError);
		return (error as Error).message;
	}
	throw new Error('expected the signal to be rejected');
}

function accountError(item: Record<string, unknown>, index = 0): string {
	try {
		parseAccount(item, index);
	} catch (error) {
		expect(error).toBeInstanceOf(ItemValidationError);
		return (error as Error).message;
	}
	throw new Error('expected the account to be rejected');
}

describe('stable ids', () => {
	it('gives the same source record the same signal id, on every run', () => {
		expect(signalId('zendesk', '4711', 'support.ticket_burst')).toBe(signalId('zendesk', '4711', 'support.ticket_burst'));
		expect(signalId('zendesk', '4711', 'support.ticket_burst')).toMatch(/^sig_[0-9a-f]{20}$/);
	});

	it('gives a different id for a different type, record or system', () => {
		const base = signalId('zendesk', '4711', 'support.ticket_burst');
		expect(signalId('zendesk', '4711', 'support.low_csat')).not.toBe(base);
		expect(signalId('zendesk', '4712', 'support.ticket_burst')).not.toBe(base);
		expect(signalId('intercom', '4711', 'support.ticket_burst')).not.toBe(base);
	});

	it('does not confuse parts that concatenate to the same text', () => {
		expect(stableId('x', 'ab', 'c')).not.toBe(stableId('x', 'a', 'bc'));
	});

	it('derives decision ids from rule, account and firing time', () => {
		expect(decisionId('risk.usage_drop', 'acme', '2026-03-02T08:00:00Z')).toBe(decisionId('risk.usage_drop', 'acme', '2026-03-02T08:00:00Z'));
		expect(decisionId('risk.usage_drop', 'acme', '2026-03-02T08:00:00Z')).toMatch(/^dec_/);
		expect(decisionId('risk.usage_drop', 'globex', '2026-03-02T08:00:00Z')).not.toBe(decisionId('risk.usage_drop', 'acme', '2026-03-02T08:00:00Z'));
	});
});

describe('ISO-8601 time', () => {
	it('keeps the offset a date was written with', () => {
		const parsed = parseIsoDate('2026-03-01T09:00:00+02:00');
		expect(parsed?.offset).toBe(120);
		expect(toIso(parsed!)).toBe('2026-03-01T09:00:00+02:00');
		expect(toIso(parseIsoDate('2026-03-01T09:00:00Z')!)).toBe('2026-03-01T09:00:00Z');
		expect(parseSignal(GOOD_SIGNAL, 0).observedAt).toBe('2026-03-01T09:00:00+02:00');
	});

	it.each(['31/02/2026', '2026-02-31', '2026-13-01', 'yesterday', '', '   '])('rejects %j', (text) => {
		expect(parseIsoDate(text)).toBeNull();
	});

	it('rejects non-strings', () => {
		expect(parseIsoDate(20260301)).toBeNull();
		expect(parseIsoDate(null)).toBeNull();
	});

	it('names the value when a required date is invalid', () => {
		expect(() => requireIsoDate('2026-02-31', 'renewal date')).toThrow('renewal date "2026-02-31" is not an ISO-8601 date');
	});

	it('counts days across offsets by the instant, not the wall clock', () => {
		const berlin = requireIsoDate('2026-03-01T09:00:00+01:00');
		const utc = requireIsoDate('2026-03-02T08:00:00Z');
		expect(daysBetween(berlin, utc)).toBe(1);
		expect(daysBetween(utc, berlin)).toBe(-1);
	});

	it('parses ISO durations and resolves the as-of date', () => {
		expect(parseIsoDuration('PT2H')?.as('hours')).toBe(2);
		expect(parseIsoDuration('P1W')?.as('days')).toBe(7);
		expect(parseIsoDuration('two hours')).toBeNull();
		expect(parseIsoDuration('PT0S')).toBeNull();
		expect(toIso(resolveAsOf('2026-03-15T00:00:00-05:00'))).toBe('2026-03-15T00:00:00-05:00');
		const fixed = DateTime.fromISO('2026-01-01T00:00:00Z');
		expect(resolveAsOf(fixed)).toBe(fixed);
		expect(() => resolveAsOf('15.03.2026')).toThrow('as-of date "15.03.2026" is not an ISO-8601 date');
	});
});

describe('Signal items', () => {
	it('accepts a valid signal and fills defaults', () => {
		const signal = parseSignal(GOOD_SIGNAL, 0);
		expect(signal.attributes).toEqual({});
		expect(SignalSchema.safeParse(GOOD_SIGNAL).success).toBe(true);
	});

	it('names the item, the field and the value of a bad date', () => {
		expect(signalError({ observedAt: '31/02/2026' })).toBe('signal 3: observedAt "31/02/2026" is not an ISO-8601 date');
		expect(signalError({ detectedAt: '2026-02-31' }, 0)).toBe('signal 0: detectedAt "2026-02-31" is not an ISO-8601 date');
		expect(signalError({ observedAt: 20260301 })).toBe('signal 3: observedAt 20260301 is not an ISO-8601 date');
	});

	it('names a missing field, also inside the source', () => {
		const { accountId: _omit, ...withoutAccount } = GOOD_SIGNAL;
		expect(() => parseSignal(withoutAccount, 3)).toThrow(new Error('signal 3: accountId is required but missing'));
		expect(signalError({ source: { system: 'zendesk' } })).toBe('signal 3: source.ref is required but missing');
	});

	it('lists the allowed values of a bad enum', () => {
		expect(signalError({ polarity: 'negative' })).toBe('signal 3: polarity "negative" is not one of "risk", "opportunity", "context"');
		expect(signalError({ category: 'Support' })).toBe(
			'signal 3: category "Support" is not one of "meetings", "email", "slack", "crm", "support", "usage", "exec", "market"',
		);
	});

	it('rejects a severity outside 1–10, or not a number', () => {
		expect(signalError({ severity: 11 })).toBe('signal 3: severity 11 must be a number from 1 to 10');
		expect(signalError({ severity: 0 })).toBe('signal 3: severity 0 must be a number from 1 to 10');
		expect(signalError({ severity: '7' })).toBe('signal 3: severity "7" must be a number from 1 to 10');
	});

	it('explains a malformed type id and an empty evidence sentence', () => {
		expect(signalError({ type: 'Ticket Burst' })).toBe('signal 3: type "Ticket Burst" must be a taxonomy id such as "support.volume_spike"');
		expect(signalError({ evidence: '' })).toBe('signal 3: evidence "" must be a sentence a CSM can read');
	});

	it('reports every problem of one item in one message', () => {
		const message = signalError({ observedAt: 'soon', severity: 12 });
		expect(message.startsWith('signal 3: ')).toBe(true);
		expect(message.slice('signal 3: '.length).split('; ').sort()).toEqual([
			'observedAt "soon" is not an ISO-8601 date',
			'severity 12 must be a number from 1 to 10',
		]);
	});

	it('says so when the item is not an object at all', () => {
		expect(() => parseSignal('hello', 5)).toThrow(new Error('signal 5: the item "hello" should be an object, not a string'));
		expect(() => parseSignal(null, 5)).toThrow(new Error('signal 5: the item is null but should be an object'));
	});

	it('keeps the item kind, index and problems on the error', () => {
		try {
			parseSignal({ ...GOOD_SIGNAL, severity: 11 }, 3);
			throw new Error('not rejected');
		} catch (error) {
			expect(error).toMatchObject({ name: 'ItemValidationError', itemKind: 'signal', itemIndex: 3, problems: ['severity 11 must be a number from 1 to 10'] });
		}
	});
});

describe('Account items', () => {
	const GOOD_ACCOUNT = { accountId: 'acme', name: 'Acme Corp', arr: 120000, currency: 'USD', renewalDate: '2026-09-30' };

	it('accepts a valid account and fills defaults', () => {
		const account = parseAccount({ accountId: 'acme', name: 'Acme Corp' }, 0);
		expect(account).toMatchObject({ arr: 0, currency: 'EUR', contacts: [], healthHistory: [], owners: {}, onboarding: {} });
		expect(AccountSchema.parse(GOOD_ACCOUNT).renewalDate).toBe('2026-09-30');
	});

	it('rejects a currency that is not an ISO 4217 code', () => {
		expect(accountError({ ...GOOD_ACCOUNT, currency: 'euro' })).toBe(
			'account 0: currency "euro" must be a three-letter ISO 4217 code such as "EUR"',
		);
		expect(accountError({ ...GOOD_ACCOUNT, currency: 'usd' }, 2)).toBe(
			'account 2: currency "usd" must be a three-letter ISO 4217 code such as "EUR"',
		);
	});

	it('names nested fields and states the limits in words', () => {
		expect(accountError({ ...GOOD_ACCOUNT, arr: -5 })).toBe('account 0: arr -5 must not be negative');
		expect(accountError({ ...GOOD_ACCOUNT, arr: '120k' })).toBe('account 0: arr "120k" must be a number (annual recurring revenue)');
		expect(accountError({ ...GOOD_ACCOUNT, renewalDate: '30/09/2026' })).toBe('account 0: renewalDate "30/09/2026" is not an ISO-8601 date');
		expect(accountError({ ...GOOD_ACCOUNT, contacts: [{ name: 'Dana', seniority: 'ceo' }] })).toBe(
			'account 0: contacts[0].seniority "ceo" is not one of "c_level", "vp", "director", "manager", "individual"',
		);
		expect(accountError({ ...GOOD_ACCOUNT, licensedSeats: 2.5 })).toBe('account 0: licensedSeats 2.5 should be a whole number');
		expect(accountError({ ...GOOD_ACCOUNT, owners: { csm: { name: 'Kim', email: 'kim-at-example' } } })).toBe(
			'account 0: owners.csm.email "kim-at-example" must be an e-mail address',
		);
		expect(accountError({ ...GOOD_ACCOUNT, healthHistory: [{ at: '2026-01-01', score: 120 }] })).toBe(
			'account 0: healthHistory[0].score 120 must be at most 100',
		);
	});
});

describe('dates without an offset', () => {
	test('are read as UTC whatever the machine time zone', () => {
		const { parseIsoDate } = require('../../engine/model') as typeof import('../../engine/model');
		expect(parseIsoDate('2026-03-01')!.toISO()).toBe('2026-03-01T00:00:00.000Z');
		expect(parseIsoDate('2026-03-01T09:00:00+02:00')!.toISO()).toBe('2026-03-01T09:00:00.000+02:00');
	});
});

describe('JSON-object settings', () => {
	const { parseJsonObject } = require('../../engine/model') as typeof import('../../engine/model');
	test('objects pass, JSON strings parse, empty is undefined, anything else names the setting', () => {
		expect(parseJsonObject({ a: 1 }, 'X')).toEqual({ a: 1 });
		expect(parseJsonObject('{"77":{"name":"Dana"}}', 'Owner Directory (JSON)')).toEqual({ 77: { name: 'Dana' } });
		expect(parseJsonObject('', 'X')).toBeUndefined();
		expect(() => parseJsonObject('{"77":', 'Owner Directory (JSON)')).toThrow(/^"Owner Directory \(JSON\)" is not valid JSON: /);
		expect(() => parseJsonObject('[1]', 'Owner Directory (JSON)')).toThrow('"Owner Directory (JSON)" must be a JSON object');
	});
});

describe('values that are not input items (settings, provider records)', () => {
	it('are named by what they are, every problem listed', () => {
		let thrown: unknown;
		try {
			parseNamed(AccountSchema, 'HubSpot company 7', { accountId: '7', name: 'Initech', currency: 'usd', arr: -1 });
		} catch (error) {
			thrown = error;
		}
		expect(thrown).toBeInstanceOf(ValidationError);
		expect((thrown as Error).message).toBe(
			'HubSpot company 7: arr -1 must not be negative; currency "usd" must be a three-letter ISO 4217 code such as "EUR"',
		);
	});
});
