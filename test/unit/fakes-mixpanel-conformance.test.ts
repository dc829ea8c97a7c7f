/**
 * The fake Mixpanel answers the Raw Event Export as Mixpanel's own OpenAPI document says
 * (specs/mixpanel/export.openapi.yaml, read where it is: CS_SIGNAL_OS_SPECS or ../shared beside the clone;
 * skipped with the reason without it, failing under CI=true). The spec's 200 is `text/plain` JSONL — "each line
 * is a valid JSON object" — so the lines are checked against the spec's own example, not against a JSON schema.
 */
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parse as parseYaml } from 'yaml';
import { describeAgainstSpecs, SPEC_DIR } from '../fakes/openapi';
import { startFakeProviders, type RunningFakeProviders } from '../fakes/providers';

// plain JS (no build), typed here
const { PROVIDER_HOSTS } = require('../fakes/hosts') as { PROVIDER_HOSTS: ReadonlyArray<{ provider: string; hosts: string[] }> };

const AUTH = `Basic ${Buffer.from('svc-user:secret').toString('base64')}`;

/** A raw GET to the fake with a Host header, the body's bytes and headers as they came (no automatic gunzip). */
function get(fakes: RunningFakeProviders, host: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
	const url = new URL(fakes.httpUrl!);
	return new Promise((resolve, reject) => {
		const req = httpRequest({ host: url.hostname, port: url.port, path, headers: { host, ...headers } }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (chunk: Buffer) => chunks.push(chunk));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
			res.on('error', reject);
		});
		req.on('error', reject);
		req.end();
	});
}

describeAgainstSpecs('the fake Mixpanel conforms to the Raw Event Export spec', () => {
	let spec: any;
	let operation: any;
	let fakes: RunningFakeProviders;

	beforeAll(async () => {
		spec = parseYaml(readFileSync(join(SPEC_DIR, 'mixpanel', 'export.openapi.yaml'), 'utf8'));
		operation = spec.paths['/export'].get;
		fakes = await startFakeProviders({
			dataset: {
				now: '2026-03-10T09:00:00Z',
				mixpanel: {
					projectId: 2195193,
					events: [{ event: 'Signed up', properties: { time: '2026-03-01T10:00:00Z', distinct_id: 'u1', account_id: 'acme' } }],
					generated: { from: '2026-03-02', to: '2026-03-09', eventsPerDay: 50, accounts: 3, usersPerAccount: 4 },
				},
			},
		});
	});
	afterAll(async () => fakes.close());

	const exportPath = (query: Record<string, string>) => `/api/2.0/export?${new URLSearchParams({ project_id: '2195193', ...query }).toString()}`;

	it('serves every data-residency server of the spec (data, data-eu, data-in) under /api/2.0', async () => {
		const servers: string[] = spec.servers[0].variables.server.enum;
		expect(servers).toEqual(['data', 'data-eu', 'data-in']);
		const mixpanelHosts = PROVIDER_HOSTS.find((entry) => entry.provider === 'mixpanel')!.hosts;
		for (const server of servers) {
			const host = new URL(spec.servers[0].url.replace('{server}', server)).host;
			expect(mixpanelHosts).toContain(host);
			const response = await get(fakes, host, exportPath({ from_date: '2026-03-01', to_date: '2026-03-01' }), { authorization: AUTH });
			expect([host, response.status]).toEqual([host, 200]);
		}
	});

	it('200 is the spec\'s text/plain JSONL: one JSON object per line, shaped like the spec\'s own example', async () => {
		expect(Object.keys(operation.responses['200'].content)).toEqual(['text/plain']);
		const example: string = operation.responses['200'].content['text/plain'].schema.example;
		const exampleLines = example.trim().split('\n').map((line) => JSON.parse(line));
		const response = await get(fakes, 'data.mixpanel.com', exportPath({ from_date: '2026-03-01', to_date: '2026-03-09' }), { authorization: AUTH });
		expect(response.status).toBe(200);
		expect(String(response.headers['content-type'])).toMatch(/^text\/plain/);
		const lines = response.body.toString('utf8').trim().split('\n');
		expect(lines.length).toBe(1 + 8 * 50);
		for (const text of lines) {
			const event = JSON.parse(text);
			// the example's top-level keys, and the example's properties' types for the keys they share
			expect(Object.keys(event)).toEqual(Object.keys(exampleLines[0]));
			expect(typeof event.event).toBe(typeof exampleLines[0].event);
			expect(Number.isInteger(event.properties.time)).toBe(true);
		}
		const generated = JSON.parse(lines[1]);
		for (const key of Object.keys(exampleLines[0].properties)) expect([key, typeof generated.properties[key]]).toEqual([key, typeof exampleLines[0].properties[key]]);
	});

	it('from_date and to_date are required, inclusive days; the event filter is a JSON array; time_in_ms gives milliseconds', async () => {
		const required = operation.parameters.filter((p: { required?: boolean }) => p.required).map((p: { name: string }) => p.name);
		expect(required).toEqual(['from_date', 'to_date']);
		for (const name of required) {
			const query = { from_date: '2026-03-01', to_date: '2026-03-01' } as Record<string, string>;
			delete query[name];
			const response = await get(fakes, 'data.mixpanel.com', exportPath(query), { authorization: AUTH });
			expect([name, response.status, JSON.parse(response.body.toString()).error]).toEqual([name, 400, `'${name}' is a required parameter`]);
		}
		const oneDay = await get(fakes, 'data.mixpanel.com', exportPath({ from_date: '2026-03-01', to_date: '2026-03-01' }), { authorization: AUTH });
		expect(oneDay.body.toString().trim().split('\n')).toHaveLength(1);
		const filtered = await get(fakes, 'data.mixpanel.com', exportPath({ from_date: '2026-03-01', to_date: '2026-03-09', event: JSON.stringify(['Signed up']) }), { authorization: AUTH });
		expect(filtered.body.toString().trim().split('\n').map((line) => JSON.parse(line).event)).toEqual(['Signed up']);
		const inMs = await get(fakes, 'data.mixpanel.com', exportPath({ from_date: '2026-03-01', to_date: '2026-03-01', time_in_ms: 'true' }), { authorization: AUTH });
		expect(JSON.parse(inMs.body.toString()).properties.time).toBe(Date.parse('2026-03-01T10:00:00Z'));
	});

	it('Accept-Encoding: gzip compresses a body over 1400 bytes (Content-Encoding: gzip), not a smaller one', async () => {
		const header = operation.parameters.find((p: { in: string; name: string }) => p.in === 'header' && p.name === 'Accept-Encoding');
		expect(header.schema.enum).toEqual(['gzip']);
		expect(header.description).toContain('1400 bytes');
		const big = await get(fakes, 'data.mixpanel.com', exportPath({ from_date: '2026-03-01', to_date: '2026-03-09' }), { authorization: AUTH, 'accept-encoding': 'gzip' });
		expect(big.headers['content-encoding']).toBe('gzip');
		expect(gunzipSync(big.body).toString().trim().split('\n')).toHaveLength(1 + 8 * 50);
		const small = await get(fakes, 'data.mixpanel.com', exportPath({ from_date: '2026-03-01', to_date: '2026-03-01' }), { authorization: AUTH, 'accept-encoding': 'gzip' });
		expect(small.headers['content-encoding']).toBeUndefined();
		expect(small.body.length).toBeLessThanOrEqual(1400);
	});

	it('authenticates with HTTP Basic (the spec\'s security schemes): none is a 401', async () => {
		expect(spec.components.securitySchemes.ServiceAccount).toEqual({ type: 'http', scheme: 'basic', description: 'Service Account' });
		const response = await get(fakes, 'data.mixpanel.com', exportPath({ from_date: '2026-03-01', to_date: '2026-03-01' }));
		expect(response.status).toBe(401);
	});
});
