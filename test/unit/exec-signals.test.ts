import { signalId } from '../../engine/model';
import { sweepExecItems, type ExecItemsSweepOptions } from '../../engine/sweeps';
import { accounts, hubspotBouncedSponsor, hubspotNewVp, hubspotPromotedChampion, salesforceContactHistory } from '../fixtures/exec/book';

const asOf = '2026-11-14T09:00:00Z';

/** One run over rows (the sweep the node and the CLI call), as signals, unusable rows and the rows behind each signal. */
function detectExecSignalsFromRows(rows: unknown[], book: unknown[], options: Omit<ExecItemsSweepOptions, 'rows' | 'accounts'> & { config?: Record<string, unknown> } = {}) {
	const { config, ...rest } = options;
	const result = sweepExecItems({ rows, accounts: book, ...rest, ...(config ? { detection: config } : {}) });
	return {
		signals: result.detections.map((detection) => detection.signal),
		errors: result.unusable,
		rowsBySignal: Object.fromEntries(result.detections.map((detection) => [detection.signal.id, detection.itemIndexes])),
	};
}

describe('exec change signals from HubSpot contacts (propertiesWithHistory)', () => {
	it('a champion whose title history shows a promotion → exec.champion_promoted, nothing else', () => {
		const result = detectExecSignalsFromRows([hubspotPromotedChampion], accounts, { asOf, fieldMap: 'hubspot', system: 'hubspot' });
		expect(result.errors).toEqual([]);
		expect(result.signals).toEqual([
			{
				id: signalId('hubspot', 'contact/501#promoted@2026-10-05', 'exec.champion_promoted'),
				accountId: 'acc-acme',
				category: 'exec',
				type: 'exec.champion_promoted',
				polarity: 'opportunity',
				severity: 5,
				observedAt: '2026-10-05T08:12:00Z',
				detectedAt: '2026-11-14T09:00:00Z',
				evidence: 'Champion Jo Lee promoted on 2026-10-05: Director of Operations → VP Operations (Director → VP)',
				source: { system: 'hubspot', ref: 'contact/501' },
				attributes: { contactId: '501', contactName: 'Jo Lee', title: 'VP Operations', fromTitle: 'Director of Operations', toTitle: 'VP Operations', fromSeniority: 'director', toSeniority: 'vp' },
			},
		]);
		expect(result.rowsBySignal).toEqual({ [result.signals[0].id]: [0] });
	});

	it('a hard-bounced executive sponsor → exec.sponsor_departed naming the bounce', () => {
		const { signals } = detectExecSignalsFromRows([hubspotBouncedSponsor], accounts, { asOf, fieldMap: 'hubspot', system: 'hubspot' });
		expect(signals.map((s) => [s.type, s.observedAt, s.evidence])).toEqual([
			['exec.sponsor_departed', '2026-11-10T07:30:00Z', 'Executive sponsor Pat Kim (VP Finance) left Acme Corp: e-mail hard-bounced on 2026-11-10 (UNKNOWN_USER)'],
		]);
	});

	it('a champion filed under a new company in HubSpot → exec.champion_departed "moved to another company"', () => {
		const moved = {
			...hubspotPromotedChampion,
			properties: { ...hubspotPromotedChampion.properties, associatedcompanyid: '98765' },
			propertiesWithHistory: {
				...hubspotPromotedChampion.propertiesWithHistory,
				associatedcompanyid: [
					{ value: '98765', timestamp: '2026-11-05T10:00:00Z', sourceType: 'INTEGRATION' },
					{ value: '4511', timestamp: '2023-03-01T10:00:00Z', sourceType: 'IMPORT' },
				],
			},
		};
		const { signals, errors } = detectExecSignalsFromRows([moved], accounts, { asOf, fieldMap: 'hubspot', system: 'hubspot' });
		expect(errors).toEqual([]);
		// departed, so the earlier promotion is not reported as well
		expect(signals.map((s) => [s.type, s.accountId, s.observedAt, s.evidence])).toEqual([
			['exec.champion_departed', 'acc-acme', '2026-11-05T10:00:00Z', 'Champion Jo Lee (VP Operations) left Acme Corp: moved to another company (company record 98765) on 2026-11-05'],
		]);
	});

	it('a VP nobody has engaged, first seen last month → exec.new_executive with the name the intelligence reads', () => {
		const { signals } = detectExecSignalsFromRows([hubspotNewVp], accounts, { asOf, fieldMap: 'hubspot', system: 'hubspot' });
		expect(signals).toHaveLength(1);
		expect(signals[0]).toMatchObject({
			type: 'exec.new_executive',
			polarity: 'context',
			observedAt: '2026-10-20T12:00:00Z',
			evidence: 'New VP at Acme Corp: Priya Nair, VP of IT, since 2026-10-20; nobody on the account team has engaged them yet',
			attributes: { contactId: '503', contactName: 'Priya Nair', title: 'VP of IT', seniority: 'vp' },
		});
	});

	it('the seeds’ new IT director counts once directors are executives for the team; never when engaged', () => {
		const director = { ...hubspotNewVp, id: '504', properties: { ...hubspotNewVp.properties, firstname: 'Sam', lastname: 'Ortiz', jobtitle: 'IT Director' }, propertiesWithHistory: { jobtitle: [{ value: 'IT Director', timestamp: '2026-10-13T09:00:00Z' }] }, createdAt: '2026-10-13T09:00:00Z' };
		expect(detectExecSignalsFromRows([director], accounts, { asOf, fieldMap: 'hubspot' }).signals).toEqual([]);
		const withDirectors = detectExecSignalsFromRows([director], accounts, { asOf, fieldMap: 'hubspot', config: { newExecutiveMinSeniority: 'director' } });
		expect(withDirectors.signals.map((s) => s.evidence)).toEqual(['New Director at Acme Corp: Sam Ortiz, IT Director, since 2026-10-13; nobody on the account team has engaged them yet']);
		const engaged = { ...hubspotNewVp, properties: { ...hubspotNewVp.properties, notes_last_contacted: '2026-11-02T10:00:00Z' } };
		expect(detectExecSignalsFromRows([engaged], accounts, { asOf, fieldMap: 'hubspot' }).signals).toEqual([]);
	});

	it('changes older than the look-back window are history, not signals', () => {
		expect(detectExecSignalsFromRows([hubspotPromotedChampion], accounts, { asOf: '2027-03-01T00:00:00Z', fieldMap: 'hubspot' }).signals).toEqual([]);
	});

	it('the same contact read twice gives the same signal id', () => {
		const first = detectExecSignalsFromRows([hubspotPromotedChampion], accounts, { asOf, fieldMap: 'hubspot' }).signals[0].id;
		const second = detectExecSignalsFromRows([hubspotPromotedChampion], accounts, { asOf: '2026-11-20T09:00:00Z', fieldMap: 'hubspot' }).signals[0].id;
		expect(second).toBe(first);
	});
});

describe('exec change signals from enrichment rows', () => {
	it('UserGems: a champion no longer at the company → exec.champion_departed (the champion flag comes from the account’s contacts)', () => {
		const row = { Id: '501', AccountId: 'acc-acme', Name: 'Jo Lee', Email: 'jo.lee@acme.com', Title: 'Director of Operations', 'UG - No Longer at Company (Date)': '2026-11-03' };
		const { signals, errors } = detectExecSignalsFromRows([row], accounts, { asOf, fieldMap: 'usergems', system: 'usergems' });
		expect(errors).toEqual([]);
		expect(signals.map((s) => [s.type, s.observedAt, s.evidence])).toEqual([
			['exec.champion_departed', '2026-11-03T00:00:00Z', 'Champion Jo Lee (Director of Operations) left Acme Corp: no longer at the company since 2026-11-03'],
		]);
	});

	it('LinkedIn export: a new company for the executive sponsor → exec.sponsor_departed "moved to"', () => {
		const row = { 'First Name': 'Pat', 'Last Name': 'Kim', URL: 'https://www.linkedin.com/in/patkim', 'Email Address': '', Company: 'Initech', Position: 'CFO', 'Connected On': '08 Nov 2026' };
		const { signals, errors } = detectExecSignalsFromRows([{ ...row, accountId: 'acc-acme' }], accounts, { asOf, fieldMap: { preset: 'linkedin', contactId: 'URL' }, system: 'linkedin' });
		expect(errors).toEqual([]);
		expect(signals.map((s) => [s.type, s.evidence])).toEqual([['exec.sponsor_departed', 'Executive sponsor Pat Kim (CFO) left Acme Corp: moved to Initech on 2026-11-08']]);
	});

	it('Salesforce ContactHistory: three contacts re-titled within 30 days → one exec.reorganisation for the account', () => {
		const { signals, errors, rowsBySignal } = detectExecSignalsFromRows(salesforceContactHistory, accounts, { asOf, fieldMap: 'salesforce', system: 'salesforce' });
		expect(errors).toEqual([]);
		// Ana's move to "Head of" makes her an executive nobody has met: a title change and a new executive as well
		expect(signals.map((s) => [s.type, s.evidence])).toEqual([
			['exec.title_change', 'Executive Ana Ruiz changed title on 2026-10-01: Platform Lead → Head of Platform (Manager → VP)'],
			['exec.new_executive', 'New VP at Globex: Ana Ruiz, Head of Platform, since 2026-10-01; nobody on the account team has engaged them yet'],
			['exec.reorganisation', expect.stringMatching(/^Re-organisation at Globex/)],
		]);
		expect(signals[2]).toEqual(
			{
				id: signalId('salesforce', 'account/acc-globex#reorganisation@2026-10-01', 'exec.reorganisation'),
				accountId: 'acc-globex',
				category: 'exec',
				type: 'exec.reorganisation',
				polarity: 'risk',
				severity: 6,
				observedAt: '2026-10-20T11:00:00Z',
				detectedAt: '2026-11-14T09:00:00Z',
				value: 3,
				evidence: 'Re-organisation at Globex: 3 contacts changed title between 2026-10-01 and 2026-10-20 (Ana Ruiz: Platform Lead → Head of Platform; Ben Osei: Analytics Engineer → Data Engineer; Chloé Martin: Product Owner → Product Manager)',
				source: { system: 'salesforce', ref: 'account/acc-globex' },
				attributes: { contactIds: ['003D000001', '003D000002', '003D000003'], windowDays: 30 },
			},
		);
		expect(rowsBySignal[signals[2].id]).toEqual([0, 1, 2]);
		expect(rowsBySignal[signals[0].id]).toEqual([0]);
		// two re-titles are not a re-organisation
		expect(detectExecSignalsFromRows(salesforceContactHistory.slice(1, 3), accounts, { asOf, fieldMap: 'salesforce' }).signals).toEqual([]);
	});

	it('a soft bounce is not a departure', () => {
		const row = { contactId: '501', accountId: 'acc-acme', name: 'Jo Lee', emailHardBounce: false, emailHardBounceAt: '2026-11-10' };
		expect(detectExecSignalsFromRows([row], accounts, { asOf }).signals).toEqual([]);
	});

	it('bad rows are errors naming the row and the field; the other rows still go through', () => {
		const rows = [
			{ contactId: '9', accountId: 'acc-acme', name: 'Dee', titleBefore: 'Manager', titleAfter: 'Director', titleChangedAt: 'last Tuesday', isChampion: true },
			{ accountId: 'acc-acme', name: 'No Id' },
			{ contactId: '10', accountId: 'acc-nope', name: 'Eve' },
			{ contactId: '11', accountDomain: 'acme.com', name: 'Finn', titleBefore: 'Manager', titleAfter: 'Director', titleChangedAt: '2026-11-01', roles: 'Champion' },
			{ contactId: '12', accountId: 'acc-acme', name: 'Gus', seniority: 'boss' },
			'just a string',
		];
		const { signals, errors } = detectExecSignalsFromRows(rows, accounts, { asOf, fieldMap: { titleChangedAt: 'titleChangedAt' } });
		expect(errors).toEqual([
			{ itemIndex: 0, input: 'rows', message: 'row 0 (contact 9): titleChangedAt "last Tuesday" is not a date (write ISO-8601 such as "2026-11-03" or "2026-11-03T09:00:00Z")' },
			{ itemIndex: 1, input: 'rows', message: "row 1: contactId is required but missing (the contact's id in its source)" },
			{ itemIndex: 2, input: 'rows', message: 'row 2 (contact 10): accountId "acc-nope" matches none of the 2 account(s) given (by account id, CRM id, domain or name)' },
			{ itemIndex: 4, input: 'rows', message: 'row 4 (contact 12): seniority "boss" is not one of c_level, vp, director, manager, individual' },
			{ itemIndex: 5, input: 'rows', message: 'row 5: is "just a string", not an object with contact fields' },
		]);
		expect(signals.map((s) => s.evidence)).toEqual(['Champion Finn promoted on 2026-11-01: Manager → Director (Manager → Director)']);
	});

	it('an unknown field-map key or preset says which are known', () => {
		expect(() => detectExecSignalsFromRows([], accounts, { fieldMap: { jobTitle: 'x' } })).toThrow(/^Field mapping "jobTitle" is unknown \(known: contactId, accountId, /);
		expect(() => detectExecSignalsFromRows([], accounts, { fieldMap: 'gong' })).toThrow('Field map preset "gong" is unknown (known: canonical, hubspot, salesforce, usergems, linkedin)');
	});
});

describe('several title edits on one day', () => {
	it('are the day’s one change, from the title before to the last one written (a typo fixed is no second signal)', () => {
		const row = {
			...hubspotPromotedChampion,
			propertiesWithHistory: {
				...hubspotPromotedChampion.propertiesWithHistory,
				jobtitle: [
					{ value: 'VP Operations', timestamp: '2026-10-05T09:30:00Z', sourceType: 'CRM_UI' },
					{ value: 'VP Opertions', timestamp: '2026-10-05T08:12:00Z', sourceType: 'CRM_UI' },
					{ value: 'Director of Operations', timestamp: '2023-03-01T10:00:00Z', sourceType: 'IMPORT' },
				],
			},
		};
		const { signals } = detectExecSignalsFromRows([row], accounts, { asOf, fieldMap: 'hubspot', system: 'hubspot' });
		expect(signals.map((s) => [s.type, s.observedAt, s.evidence])).toEqual([
			['exec.champion_promoted', '2026-10-05T09:30:00Z', 'Champion Jo Lee promoted on 2026-10-05: Director of Operations → VP Operations (Director → VP)'],
		]);
	});
});
