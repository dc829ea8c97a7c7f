import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NodeConnectionTypes, type IDataObject, type INode, type INodeParameters } from 'n8n-workflow';
import { PACKAGE_NAME, runWorkflow, type WorkflowFixture } from './harness';

const STORIES = join(__dirname, '..', 'fixtures', 'stories');
const story = (file: string): IDataObject[] => JSON.parse(readFileSync(join(STORIES, file), 'utf8'));
const AS_OF = '2026-03-02T09:00:00Z';

/** Start → (Accounts items, Signals items) → CS Account Intelligence (inputs 0 and 1). */
function accountsAndSignals(parameters: INodeParameters, accounts: IDataObject[], signals: IDataObject[], extra: Partial<INode> = {}, staticData?: IDataObject): WorkflowFixture {
	return {
		nodes: [
			{ name: 'Start', type: 'test.items', parameters: { items: JSON.stringify([{}]) } },
			{ name: 'Accounts', type: 'test.items', parameters: { items: JSON.stringify(accounts) } },
			{ name: 'Signals', type: 'test.items', parameters: { items: JSON.stringify(signals) } },
			{ name: 'Node', type: `${PACKAGE_NAME}.csAccountIntelligence`, parameters, ...extra },
		],
		connections: {
			Start: {
				main: [
					[
						{ node: 'Accounts', type: NodeConnectionTypes.Main, index: 0 },
						{ node: 'Signals', type: NodeConnectionTypes.Main, index: 0 },
					],
				],
			},
			Accounts: { main: [[{ node: 'Node', type: NodeConnectionTypes.Main, index: 0 }]] },
			Signals: { main: [[{ node: 'Node', type: NodeConnectionTypes.Main, index: 1 }]] },
		},
		staticData,
	};
}

describe('CS Account Intelligence node', () => {
	it('scores the Acme Corp story through n8n with the exact headline, paired to the account and its signals', async () => {
		const result = await runWorkflow(accountsAndSignals({ asOf: AS_OF }, story('acme.accounts.json'), story('acme.signals.json')));
		expect(result.status).toBe('success');
		const [acme] = result.output('Node');
		expect(result.output('Node')).toHaveLength(1);
		expect((acme.explanation as string[])[0]).toBe(
			'Risk 8.2: champion meeting attendance down 60% in 90 days; support volume up 40%; usage down 28% over 8 weeks',
		);
		expect((acme.renewal as IDataObject).stage).toBe('T-90');
		expect((acme.stakeholders as IDataObject).unmappedExecutives).toEqual(['Dana Ruiz (IT Director)']);
		expect(result.items('Node')[0].pairedItem).toEqual([
			{ item: 0, input: 0 },
			{ item: 0, input: 1 },
			{ item: 1, input: 1 },
			{ item: 2, input: 1 },
			{ item: 3, input: 1 },
			{ item: 4, input: 1 },
		]);
	});

	it('scores accounts without signals too (one item per account)', async () => {
		const accounts = [...story('acme.accounts.json'), ...story('safe-account.accounts.json')];
		const result = await runWorkflow(accountsAndSignals({ asOf: AS_OF }, accounts, story('acme.signals.json')));
		expect(result.output('Node').map((i) => [i.accountId, (i.health as IDataObject).confidence])).toEqual([
			['acme', 'high'],
			['initech', 'low'],
		]);
		expect(result.items('Node')[1].pairedItem).toEqual([{ item: 1, input: 0 }]);
	});

	it('a bad signal item fails the node with the item and field named', async () => {
		const signals = story('acme.signals.json');
		signals[2] = { ...signals[2], observedAt: '31/02/2026' };
		const result = await runWorkflow(accountsAndSignals({ asOf: AS_OF }, story('acme.accounts.json'), signals));
		expect(result.status).toBe('error');
		expect(result.error('Node')?.message).toBe('signal 2: observedAt "31/02/2026" is not an ISO-8601 date');
	});

	it('with continue-on-fail the bad item becomes an error item and the account is still scored', async () => {
		const signals = story('acme.signals.json');
		signals[2] = { ...signals[2], observedAt: '31/02/2026' };
		const result = await runWorkflow(
			accountsAndSignals({ asOf: AS_OF }, story('acme.accounts.json'), signals, { onError: 'continueRegularOutput' }),
		);
		expect(result.status).toBe('success');
		const output = result.items('Node');
		expect(output).toHaveLength(2);
		expect(output[0].json.accountId).toBe('acme');
		expect((output[0].json.explanation as string[])[0]).toBe('Risk 7.2: champion meeting attendance down 60% in 90 days; support volume up 40%; email replies take 52 hours instead of 20 over 60 days');
		expect(output[1].json).toEqual({ error: 'signal 2: observedAt "31/02/2026" is not an ISO-8601 date' });
		expect(output[1].pairedItem).toEqual({ item: 2, input: 1 });
	});

	it('weights that do not sum to 100 stop the node with a sentence naming the weights', async () => {
		const result = await runWorkflow(
			accountsAndSignals({ asOf: AS_OF, healthWeights: { usage: 50 } }, story('acme.accounts.json'), story('acme.signals.json')),
		);
		expect(result.error('Node')?.message).toBe(
			'Invalid intelligence configuration: health.weights: health weights must sum to 100 but usage 50 + relationship 25 + support 18 + commercial 17 + outcomes 5 = 115',
		);
	});

	it('band scheme, windows and advanced overrides reach the engine', async () => {
		const result = await runWorkflow(
			accountsAndSignals(
				{ asOf: AS_OF, bandScheme: 'five', windows: { topDrivers: 1 }, advancedOverrides: JSON.stringify({ segments: { byCurrency: { EUR: { highAbove: 200000, midFrom: 100000 } } } }) },
				story('acme.accounts.json'),
				story('acme.signals.json'),
			),
		);
		const [acme] = result.output('Node');
		expect((acme.health as IDataObject).band).toBe('fair');
		expect(acme.segment).toBe('mid');
		expect((acme.explanation as string[])[0]).toBe('Risk 8.2: champion meeting attendance down 60% in 90 days');
	});

	it('"Use Ledger For Trend" keeps the score in static data and reports the change on the next run', async () => {
		const first = await runWorkflow(
			accountsAndSignals({ asOf: '2026-02-23T09:00:00Z', useLedgerForTrend: true }, story('acme.accounts.json'), []),
		);
		expect(first.status).toBe('success');
		const firstScore = (first.output('Node')[0].health as IDataObject).score as number;
		const second = await runWorkflow(
			accountsAndSignals({ asOf: AS_OF, useLedgerForTrend: true }, story('acme.accounts.json'), story('acme.signals.json'), {}, first.staticData),
		);
		const health = second.output('Node')[0].health as IDataObject;
		expect((health.trend as IDataObject).delta7d).toBe(58 - firstScore);
		expect((((second.staticData.global as IDataObject).csSignalLedger as IDataObject).health as IDataObject).acme).toEqual([
			['2026-02-23T09:00:00Z', firstScore],
			['2026-03-02T09:00:00Z', 58],
		]);
	});

	it('issue 16 finding 9: account ids constructor, __proto__, toString, hasOwnProperty are scored with "Use Ledger for Trend" on, twice in a row', async () => {
		const [acme] = story('acme.accounts.json');
		const ids = ['constructor', '__proto__', 'toString', 'hasOwnProperty'];
		const accounts = ids.map((accountId) => ({ ...acme, accountId, name: `Account ${accountId}` }));
		const first = await runWorkflow({ ...accountsAndSignals({ asOf: '2026-02-23T09:00:00Z', useLedgerForTrend: true }, accounts, []) });
		expect(first.status).toBe('success');
		expect(first.output('Node').map((item) => item.accountId)).toEqual(ids);
		const second = await runWorkflow(accountsAndSignals({ asOf: AS_OF, useLedgerForTrend: true }, accounts, [], {}, first.staticData));
		expect(second.status).toBe('success');
		expect(second.output('Node').map((item) => (item.health as { trend: { delta7d: number | null } }).trend.delta7d)).toEqual([0, 0, 0, 0]);
	});
});

