/// <reference lib="dom" />
/**
 * The editor as a CS ops person meets it: `npm start` (scripts/start.js: the packed package in the local n8n,
 * the templates and demo credentials imported, the fakes behind the routing proxy) driven in headless Chromium
 * (Debian's /usr/bin/chromium through playwright-core). The owner account is set up through n8n's REST API; then
 * the daily sweep is opened, its Execute button pointed at the manual trigger, run, and every node that ran is
 * green; the node creator finds our nodes for "churn" and "customer success"; CS Decision Triggers offers the
 * packs' thresholds by name. Screenshots go to test-artifacts/ (gitignored) for a person to look at.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { freePort } from './n8n';

const ROOT = resolve(__dirname, '..', '..');
const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = join(ROOT, 'test-artifacts');
const SWEEP = JSON.parse(readFileSync(join(ROOT, 'workflows', 'daily-signal-sweep.json'), 'utf8')) as { id: string; nodes: Array<{ name: string; type: string }> };
const MANUAL_TRIGGER = SWEEP.nodes.find((node) => node.type === 'n8n-nodes-base.manualTrigger')!.name;
const OWNER = { email: 'cs-ops@example.com', firstName: 'Casey', lastName: 'Ops', password: 'Editor-Test-2026' };

let editor: ChildProcess;
let output = '';
let base: string;
let folder: string;
let profile: string;
let context: BrowserContext;
let page: Page;

async function waitForEditor(url: string, within: number): Promise<void> {
	const until = Date.now() + within;
	while (Date.now() < until) {
		if (editor.exitCode !== null) throw new Error(`npm start exited with ${editor.exitCode}:\n${output.slice(-3000)}`);
		try {
			if ((await fetch(`${url}/healthz`)).ok) return;
		} catch {
			/* not listening yet */
		}
		await new Promise((done) => setTimeout(done, 1000));
	}
	throw new Error(`the editor did not answer on ${url} (npm start output:\n${output.slice(-3000)})`);
}

beforeAll(async () => {
	const port = await freePort();
	base = `http://127.0.0.1:${port}`;
	folder = mkdtempSync(join(tmpdir(), 'cs-signal-os-editor-'));
	// its own process group, so the whole of npm start (npm, the script, n8n, the warehouse feed) stops with it
	editor = spawn('npm', ['start', '--', '--port', String(port), '--user-folder', folder], { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
	editor.stdout!.on('data', (chunk) => (output += String(chunk)));
	editor.stderr!.on('data', (chunk) => (output += String(chunk)));
	await waitForEditor(base, 15 * 60_000);

	profile = mkdtempSync(join(tmpdir(), 'cs-signal-os-chromium-'));
	context = await chromium.launchPersistentContext(profile, {
		executablePath: CHROMIUM,
		headless: true,
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
		viewport: { width: 1440, height: 900 },
		deviceScaleFactor: 1,
	});
	// the owner account, as a first-time user creates it on the set-up screen (the session cookie lands in the browser)
	// (n8n answers /healthz before its REST routes are mounted: a 404 means "not yet")
	let setup = await context.request.post(`${base}/rest/owner/setup`, { data: OWNER });
	for (let i = 0; i < 120 && setup.status() === 404; i += 1) {
		await new Promise((done) => setTimeout(done, 1000));
		setup = await context.request.post(`${base}/rest/owner/setup`, { data: OWNER });
	}
	if (!setup.ok()) throw new Error(`owner set-up answered ${setup.status()}: ${await setup.text()}`);
	page = await context.newPage();
	mkdirSync(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
	await context?.close();
	if (editor?.pid && editor.exitCode === null) {
		process.kill(-editor.pid, 'SIGTERM');
		await new Promise((done) => editor.once('exit', done));
	}
	for (const dir of [profile, folder]) if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the daily sweep opens, its Execute button runs the manual trigger, and the run ends green', async () => {
	await page.goto(`${base}/workflow/${SWEEP.id}`);
	const run = page.locator('[data-test-id="execute-workflow-button"]').first();
	await run.waitFor({ timeout: 120_000 });
	// n8n 2.41 preselects a trigger by type (schedule before manual); the split button's menu names every trigger
	const box = (await run.boundingBox())!;
	await page.mouse.click(box.x + box.width + 20, box.y + box.height / 2);
	await page.getByText(MANUAL_TRIGGER, { exact: true }).last().click();
	await expect(run.innerText()).resolves.toContain(`from ${MANUAL_TRIGGER}`);
	// n8n's own green toast once the run is over (watched from the click on: it fades after a few seconds)
	const succeeded = page.getByText('Workflow executed successfully', { exact: true }).first().waitFor({ timeout: 300_000 });
	await run.click();

	// the run is over when n8n lists it as finished
	let status = 'running';
	for (let i = 0; i < 300 && !['success', 'error', 'crashed', 'canceled'].includes(status); i += 1) {
		await page.waitForTimeout(1000);
		const list = await context.request.get(`${base}/rest/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId: SWEEP.id }))}&limit=1`);
		status = ((await list.json()) as { data: { results: Array<{ status: string }> } }).data.results[0]?.status ?? 'running';
	}
	await succeeded;
	await page.screenshot({ path: join(ARTIFACTS, 'editor-daily-sweep-run.png') });
	expect(status).toBe('success');
	// every node but the schedule trigger and the digest branch nobody took shows the green tick
	const ran = SWEEP.nodes.filter((node) => !/stickyNote|scheduleTrigger/.test(node.type)).length;
	expect(await page.locator('[data-test-id="canvas-node-status-success"]').count()).toBeGreaterThanOrEqual(ran - 1);
	expect(await page.locator('.el-notification--error, .el-notification.error').count()).toBe(0);
});

test('the node creator finds our nodes for "churn" and "customer success"', async () => {
	for (const words of ['churn', 'customer success']) {
		await page.keyboard.press('Escape');
		await page.locator('[data-test-id="node-creator-plus-button"]').first().click();
		const search = page.locator('[data-test-id="node-creator-search-bar"] input, input[data-test-id="node-creator-search-bar"]').first();
		await search.fill(words);
		await page.waitForTimeout(1500);
		const found = await page.locator('[data-test-id="node-creator-node-item"]').allInnerTexts();
		await page.screenshot({ path: join(ARTIFACTS, `editor-node-creator-${words.replace(/\s+/g, '-')}.png`) });
		expect(found.join('\n')).toContain('CS Decision Triggers');
		expect(found.join('\n')).toContain('CS Account Intelligence');
	}
	await page.keyboard.press('Escape');
});

test("CS Decision Triggers offers the selected packs' thresholds by name with their defaults", async () => {
	await page.goto(`${base}/workflow/${SWEEP.id}`);
	await page.locator('[data-test-id="canvas-node"][data-node-name="CS Decision Triggers"]').dblclick();
	// a fixedCollection with two kinds of row is a select whose placeholder is the collection's placeholder
	await page.locator('[placeholder="Change a Threshold"]').first().click();
	await page.locator('text=Number Threshold').last().click();
	await page.locator('[data-test-id="parameter-input-name"]').last().click();
	const option = page.getByText('Risk score escalation (default 7)', { exact: true });
	await option.waitFor({ timeout: 30_000 });
	await page.screenshot({ path: join(ARTIFACTS, 'editor-threshold-picker.png') });
	await expect(page.getByText('Renewal window days (default 120)', { exact: true }).count()).resolves.toBeGreaterThan(0);
});
