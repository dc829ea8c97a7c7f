import type { IDataObject } from 'n8n-workflow';
import { itemsInto, runWorkflow } from './harness';
import { intelligenceFor, renewingAccount } from '../fixtures/act/renewal';

const BERLIN = { timeZone: 'Europe/Berlin', holidays: '2026-07-03' };
const T90 = '2026-07-02T09:00:00+02:00';
const discounted = renewingAccount({ discountExpiryDate: '2026-09-15' }) as unknown as IDataObject;
const farOut = renewingAccount({ accountId: 'initech', name: 'Initech', renewalDate: '2027-03-31' }) as unknown as IDataObject;

const summary = (out: IDataObject[]) => out.map((e) => [e.accountId, e.stage, e.skippedStages, (e.discountSunset as IDataObject | null)?.discountExpiryDate ?? null]);

describe('CS Renewal Ladder node', () => {
	it('enters each stage once: static data carried between runs, a second run on the same day emits nothing new', async () => {
		const first = await runWorkflow(itemsInto('csRenewalLadder', { ...BERLIN, asOf: T90 }, [discounted, farOut]));
		expect(first.status).toBe('success');
		expect(summary(first.output('Node'))).toEqual([['globex', 'T-90', ['T-120'], '2026-09-15']]);
		expect(first.items('Node')[0].pairedItem).toEqual({ item: 0 });
		const [entry] = first.output('Node');
		// 3 July is a holiday: "due in 5 business days" from Thursday 2 July is Friday 10 July.
		expect((entry.tasks as IDataObject[]).map((t) => [t.key, t.dueAt])).toEqual([
			['renewal_kickoff', '2026-07-10T17:00:00+02:00'],
			['roi_summary', '2026-07-10T17:00:00+02:00'],
			['internal_alignment', '2026-07-10T17:00:00+02:00'],
			['qbr', '2026-07-17T17:00:00+02:00'],
			['renewal_score', '2026-07-17T17:00:00+02:00'],
			['discount_lead_with_value', '2026-07-17T17:00:00+02:00'],
			['discount_value_justification', '2026-07-17T17:00:00+02:00'],
		]);

		const second = await runWorkflow({ ...itemsInto('csRenewalLadder', { ...BERLIN, asOf: '2026-07-02T16:00:00+02:00' }, [discounted, farOut]), staticData: first.staticData });
		expect(second.status).toBe('success');
		expect(second.output('Node')).toEqual([]);

		const third = await runWorkflow({ ...itemsInto('csRenewalLadder', { ...BERLIN, asOf: '2026-08-01T09:00:00+02:00' }, [discounted, farOut]), staticData: second.staticData });
		expect(summary(third.output('Node'))).toEqual([['globex', 'T-60', [], null]]);
	});

	it('without carried static data the same day enters the stage again (the ledger is what remembers)', async () => {
		const first = await runWorkflow(itemsInto('csRenewalLadder', { ...BERLIN, asOf: T90 }, [discounted]));
		const fresh = await runWorkflow(itemsInto('csRenewalLadder', { ...BERLIN, asOf: T90 }, [discounted]));
		expect([first.output('Node').length, fresh.output('Node').length]).toEqual([1, 1]);
	});

	it('takes AccountIntelligence items: health below 40 at T-60 → executive engagement and renewal-risk mode, on the 90-day ladder', async () => {
		const red = intelligenceFor(renewingAccount(), 33, '2026-08-01T09:00:00+02:00') as unknown as IDataObject;
		const result = await runWorkflow(itemsInto('csRenewalLadder', { ...BERLIN, timeline: '90', fallbackOwnerName: 'CS Ops queue' }, [red]));
		const [entry] = result.output('Node');
		expect([entry.stage, entry.timeline, entry.skippedStages]).toEqual(['T-60', '90', ['T-90']]);
		expect((entry.atRiskEscalation as IDataObject).sentence).toBe(
			'At-risk renewal (critical): health 33 is below 40 at T-60 → Executive engagement (Executive Sponsor: CS Ops queue).',
		);
		expect((entry.redAccountMode as IDataObject).sentence).toBe('Red account (health 33) 60 days before renewal → renewal-risk mode.');
	});

	it('lists accounts that entered no stage, with the reason, when asked', async () => {
		const noDate = renewingAccount({ accountId: 'umbrella', name: 'Umbrella', renewalDate: undefined }) as unknown as IDataObject;
		const result = await runWorkflow(itemsInto('csRenewalLadder', { ...BERLIN, asOf: T90, includeUnchanged: true }, [farOut, discounted, noDate]));
		expect(result.output('Node').map((e) => [e.accountId, e.stage, e.reason ?? null])).toEqual([
			['initech', null, 'before T-120 (renewal 2027-03-31 in 272 days)'],
			['globex', 'T-90', null],
			['umbrella', null, 'no renewal date'],
		]);
	});

	it('names the item and field of a bad account; with continue-on-fail the others still come out', async () => {
		const bad = { ...discounted, accountId: 'bad', renewalDate: '30/09/2026' };
		const stopped = await runWorkflow(itemsInto('csRenewalLadder', { ...BERLIN, asOf: T90 }, [discounted, bad]));
		expect(stopped.error('Node')?.message).toBe('account 1: renewalDate "30/09/2026" is not an ISO-8601 date');

		const continued = await runWorkflow(itemsInto('csRenewalLadder', { ...BERLIN, asOf: T90 }, [bad, discounted], { onError: 'continueRegularOutput' }));
		expect(continued.output('Node').map((e) => e.error ?? e.stage)).toEqual(['account 0: renewalDate "30/09/2026" is not an ISO-8601 date', 'T-90']);
		expect(continued.items('Node').map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('rejects a time zone it does not know', async () => {
		const result = await runWorkflow(itemsInto('csRenewalLadder', { timeZone: 'Berlin', asOf: T90 }, [discounted]));
		expect(result.error('Node')?.message).toBe(
			'time zone "Berlin" is not an IANA time zone; use a name such as "Europe/Berlin", "America/New_York" or "UTC"',
		);
	});
});
