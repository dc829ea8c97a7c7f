import { buildPortfolioReport, computePortfolioReport, reportCharts } from '../../engine/act/report';
import { demoBook } from '../fixtures/briefs/book';
import { validateSlackMessage } from '../fixtures/briefs/block-kit';

const book = demoBook();

describe('portfolio report numbers on the demo book', () => {
	const report = computePortfolioReport(book);

	test('health distribution, at-risk accounts and ARR', () => {
		expect(report.accounts).toBe(3);
		expect(report.totalArr).toBe(296000);
		expect(report.health.bands).toEqual([
			{ band: 'green', count: 1, arr: 48000 },
			{ band: 'yellow', count: 1, arr: 240000 },
			{ band: 'red', count: 1, arr: 8000 },
		]);
		// Northwind: risk 9.5 above 7 (yellow health); Initech: health below 60 (seed 004's At-risk, Critical, Emergency).
		expect(report.atRisk.count).toBe(2);
		expect(report.atRisk.arr).toBe(248000);
		expect(report.atRisk.accounts.map((a) => a.name)).toEqual(['Northwind Logistics', 'Initech']);
	});

	test('renewals due in 30/60/90/120 days and the forecast (Σ ARR × probability by health)', () => {
		expect(report.renewals.windows.map((w) => [w.label, w.count, w.arrDue, w.forecastArr])).toEqual([
			['0–30 days', 0, 0, 0],
			['31–60 days', 1, 8000, 800],
			['61–90 days', 1, 240000, 144000],
			['91–120 days', 0, 0, 0],
		]);
		expect(report.renewals.arrDue).toBe(248000);
		expect(report.renewals.forecastArr).toBe(144800);
		expect(report.renewals.forecastRatio).toBeCloseTo(144800 / 248000, 10);
	});

	test('expansion pipeline, NRR and GRR (seed formulas)', () => {
		expect(report.expansion.bands).toEqual([
			{ band: 'monitor', count: 2, arr: 248000 },
			{ band: 'plant_seeds', count: 1, arr: 48000 },
			{ band: 'initiate', count: 0, arr: 0 },
		]);
		// start 290,000; expansion 8,000; contraction 24,000; churn 2,000.
		expect(report.retention).toEqual({ accounts: 3, startingArr: 290000, expansionArr: 8000, contractionArr: 24000, churnedArr: 2000, nrr: 272000 / 290000, grr: 264000 / 290000 });
	});

	test('actions posted this week by family and detection-to-action time', () => {
		expect(report.actions!.byFamily.filter((f) => f.count > 0)).toEqual([
			{ family: 'risk', count: 1 },
			{ family: 'stakeholder', count: 1 },
			{ family: 'expansion', count: 1 },
			{ family: 'renewal', count: 1 },
		]);
		// the quiet-account action was open from before: in the week, not posted again
		expect(report.actions!.notPosted).toBe(1);
		// 6 h, 24 h, 96 h.
		expect(report.detectionToAction).toEqual({ count: 3, medianHours: 24, p90Hours: 81.6, maxHours: 96 });
	});

	test('the outputs: markdown, Slack, HTML with one chart per panel', () => {
		const out = buildPortfolioReport(book);
		expect(out.markdown).toContain('NRR = (€290,000 + €8,000 − €24,000 − €2,000) / €290,000 = **93.8%**');
		expect(out.markdown).toContain('| **Total ≤120 days** | 2 | €248,000 | €144,800 (58%) |');
		expect(validateSlackMessage(out.slack)).toEqual([]);
		expect(out.slack.text).toBe('CS portfolio report 2026-03-02: 3 accounts, €248,000 ARR at risk, €248,000 due in 120 days (forecast €144,800).');
		for (const id of ['health', 'renewals', 'expansion', 'triggers']) expect(out.html).toContain(`data-chart="${id}"`);
		expect(out.html).not.toMatch(/<script|src="http|href="http[^"]*\.(css|js)/);
		const charts = reportCharts(out.report);
		expect([charts.health.length, charts.renewals.length, charts.expansion.length, charts.triggers!.length]).toEqual([3, 8, 3, 7]);
	});

	test('without actions, done times or ARR movements the report says what is missing', () => {
		const out = buildPortfolioReport({ intelligence: book.intelligence.map((i) => ({ ...i, account: { ...i.account, arrMovements: undefined } })) });
		expect(out.report.retention).toBeNull();
		expect(out.report.actions).toBeNull();
		expect(out.markdown).toContain('No ARR movements given');
		expect(out.html).toContain('actions by family appear when Action items are included');
	});
});
