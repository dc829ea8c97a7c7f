/// <reference lib="dom" />
/**
 * The portfolio report's HTML in headless Chromium (Debian's /usr/bin/chromium, installed by
 * scripts/ensure-chromium.sh): charts render with the expected bars/segments, nothing leaves the page,
 * and a screenshot is kept under test-artifacts/ for a person to look at.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { buildPortfolioReport, reportCharts } from '../../engine/act/report';
import { demoBook } from '../fixtures/briefs/book';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = resolve(__dirname, '..', '..', 'test-artifacts');

let context: BrowserContext;
let profile: string;

beforeAll(async () => {
	if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run "bash scripts/ensure-chromium.sh" (installs Debian's chromium package).`);
	profile = mkdtempSync(join(tmpdir(), 'cs-signal-os-chromium-'));
	// A fresh profile per run (playwright passes it to Chromium as --user-data-dir).
	context = await chromium.launchPersistentContext(profile, {
		executablePath: CHROMIUM,
		headless: true,
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
		viewport: { width: 1180, height: 900 },
		deviceScaleFactor: 1,
	});
}, 60_000);

afterAll(async () => {
	await context?.close();
	if (profile) rmSync(profile, { recursive: true, force: true });
});

test('the report renders its charts offline in Chromium', async () => {
	const output = buildPortfolioReport(demoBook());
	const charts = reportCharts(output.report);
	mkdirSync(ARTIFACTS, { recursive: true });
	const htmlPath = join(ARTIFACTS, 'portfolio-report.html');
	writeFileSync(htmlPath, output.html);
	const pageUrl = `file://${htmlPath}`;

	const page = await context.newPage();
	const requests: string[] = [];
	await page.route('**/*', async (route) => {
		const url = route.request().url();
		requests.push(url);
		if (url === pageUrl) await route.continue();
		else await route.abort();
	});
	await page.goto(pageUrl, { waitUntil: 'load' });

	const counts = await page.evaluate(() => {
		const svg = (id: string) => document.querySelector(`svg[data-chart="${id}"]`);
		const box = (id: string) => svg(id)?.getBoundingClientRect();
		return {
			health: svg('health')?.querySelectorAll('rect[data-segment]').length,
			renewals: svg('renewals')?.querySelectorAll('rect[data-bar]').length,
			expansion: svg('expansion')?.querySelectorAll('rect[data-bar]').length,
			triggers: svg('triggers')?.querySelectorAll('rect[data-bar]').length,
			healthWidth: box('health')?.width ?? 0,
			renewalsHeight: box('renewals')?.height ?? 0,
			nonEmptyBars: Array.from(document.querySelectorAll('rect[data-bar], rect[data-segment]')).filter((r) => (r as SVGGraphicsElement).getBBox().height > 0).length,
		};
	});
	// One segment per band with accounts; two bars (due, forecast) per window with a value; one per band / family with a value.
	expect(counts.health).toBe(charts.health.filter((d) => d.value > 0).length);
	expect(counts.health).toBe(3);
	expect(counts.renewals).toBe(8);
	expect(counts.expansion).toBe(3);
	expect(counts.triggers).toBe(7);
	// 3 health segments + 4 renewal bars (due and forecast in 31–60 and 61–90) + 2 expansion bands with ARR + 4 families that fired.
	expect(counts.nonEmptyBars).toBe(3 + 4 + 2 + 4);
	expect(counts.healthWidth).toBeGreaterThan(200);
	expect(counts.renewalsHeight).toBeGreaterThan(100);

	const screenshot = join(ARTIFACTS, 'portfolio-report.png');
	await page.screenshot({ path: screenshot, fullPage: true });
	expect(statSync(screenshot).size).toBeGreaterThan(20_000);
	expect(requests).toEqual([pageUrl]);
	await page.close();
}, 60_000);
