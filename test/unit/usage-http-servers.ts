/**
 * Small local HTTP servers answering as Mixpanel's Raw Event Export and Pendo's Aggregation API do (shapes:
 * Mixpanel's official export spec, and Pendo's documented pipeline), and request functions that
 * talk to them over real sockets the way n8n's request helper would: every host is routed to the local
 * server with the asked-for host kept in the Host header (so a test sees which data-residency host was meant).
 * The full provider fakes for the nodes and the bench belong in test/fakes/ once the source layering lands.
 */
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGzip } from 'node:zlib';
import type { SourceRequest, SourceRequestOptions, SourceStreamRequest } from '../../engine/sources/http';

export interface RecordedRequest {
	method: string;
	host: string;
	path: string;
	query: Record<string, string>;
	headers: IncomingMessage['headers'];
	body?: unknown;
}

export interface ScriptedFailure {
	status: number;
	headers?: Record<string, string>;
	body: string;
}

export interface LocalServer {
	url: string;
	requests: RecordedRequest[];
	/** Answered, in order, before the real answers. */
	failures: ScriptedFailure[];
	close(): Promise<void>;
}

async function listen(handler: (request: IncomingMessage, response: ServerResponse, recorded: RecordedRequest) => Promise<void> | void, server: LocalServer & { raw?: Server }): Promise<void> {
	const raw = createServer((request, response) => {
		const url = new URL(request.url ?? '/', 'http://local');
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			const text = Buffer.concat(chunks).toString('utf8');
			const recorded: RecordedRequest = {
				method: request.method ?? 'GET',
				host: request.headers.host ?? '',
				path: url.pathname,
				query: Object.fromEntries(url.searchParams),
				headers: request.headers,
				...(text ? { body: JSON.parse(text) as unknown } : {}),
			};
			server.requests.push(recorded);
			const failure = server.failures.shift();
			if (failure) {
				response.writeHead(failure.status, { 'Content-Type': 'application/json', ...(failure.headers ?? {}) });
				response.end(failure.body);
				return;
			}
			Promise.resolve(handler(request, response, recorded)).catch((error: Error) => {
				response.destroy(error);
			});
		});
	});
	await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
	server.url = `http://127.0.0.1:${(raw.address() as AddressInfo).port}`;
	server.close = () => new Promise<void>((resolve) => raw.close(() => resolve()));
	server.raw = raw;
}

function queryString(options: SourceRequestOptions): string {
	const entries = Object.entries(options.qs ?? {}).filter(([, value]) => value !== undefined) as Array<[string, string | number | boolean]>;
	const qs = new URLSearchParams(entries.map(([key, value]) => [key, String(value)])).toString();
	return qs ? `?${qs}` : '';
}

function send(server: LocalServer, options: SourceRequestOptions, extraHeaders: Record<string, string>, onResponse: (response: IncomingMessage) => void, onError: (error: Error) => void): void {
	const target = new URL(options.url);
	const local = new URL(server.url);
	const body = options.body === undefined ? undefined : JSON.stringify(options.body);
	const request = httpRequest(
		{
			host: local.hostname,
			port: local.port,
			method: options.method,
			path: `${target.pathname}${queryString(options)}`,
			headers: { ...(options.headers ?? {}), ...extraHeaders, Host: target.host },
		},
		onResponse,
	);
	request.on('error', onError);
	request.end(body);
}

/** A streaming request function (what a node builds from httpRequestWithAuthentication with encoding: 'stream'). */
export function streamRequestTo(server: LocalServer, extraHeaders: Record<string, string> = {}): SourceStreamRequest {
	return (options) =>
		new Promise((resolve, reject) => {
			send(server, options, extraHeaders, (response) => resolve({ statusCode: response.statusCode ?? 0, headers: response.headers, body: response }), reject);
		});
}

/** A JSON request function (body parsed when it is JSON). */
export function jsonRequestTo(server: LocalServer, extraHeaders: Record<string, string> = {}): SourceRequest {
	return (options) =>
		new Promise((resolve, reject) => {
			send(
				server,
				options,
				extraHeaders,
				(response) => {
					const chunks: Buffer[] = [];
					response.on('data', (chunk: Buffer) => chunks.push(chunk));
					response.on('error', reject);
					response.on('end', () => {
						const text = Buffer.concat(chunks).toString('utf8');
						let body: unknown = text;
						try {
							body = JSON.parse(text);
						} catch {
							// text stays text
						}
						resolve({ statusCode: response.statusCode ?? 0, headers: response.headers, body });
					});
				},
				reject,
			);
		});
}

// ── Mixpanel ─────────────────────────────────────────────────────────────────────────────────────

export interface MixpanelServer extends LocalServer {
	/** The JSONL lines for a request's from_date … to_date (an iterable, produced as it is sent). */
	lines: (fromDate: string, toDate: string) => Iterable<string>;
	/** gzip the body when the client accepts it (the spec: only bodies over 1400 bytes). */
	gzip: boolean;
	/** Break the connection after this many lines. */
	breakAfterLines?: number;
	/** Basic credentials the server accepts (service account user:secret). */
	basicAuth: string;
}

async function write(response: ServerResponse | ReturnType<typeof createGzip>, text: string): Promise<void> {
	if (!response.write(text)) await new Promise<void>((resolve) => response.once('drain', resolve));
}

export async function startMixpanelServer(lines: MixpanelServer['lines'], options: { gzip?: boolean; basicAuth?: string } = {}): Promise<MixpanelServer> {
	const server = { url: '', requests: [], failures: [], close: async () => {}, lines, gzip: options.gzip ?? false, basicAuth: options.basicAuth ?? 'svc:secret' } as MixpanelServer;
	await listen(async (request, response, recorded) => {
		if (recorded.path !== '/api/2.0/export' || recorded.method !== 'GET') {
			response.writeHead(404, { 'Content-Type': 'application/json' });
			response.end(JSON.stringify({ error: 'not found' }));
			return;
		}
		if (request.headers.authorization !== `Basic ${Buffer.from(server.basicAuth).toString('base64')}`) {
			response.writeHead(401, { 'Content-Type': 'application/json' });
			response.end(JSON.stringify({ error: `Invalid credentials: ${request.headers.authorization ?? 'none'}` }));
			return;
		}
		const { from_date: from, to_date: to } = recorded.query;
		if (!from || !to) {
			response.writeHead(400, { 'Content-Type': 'application/json' });
			response.end(JSON.stringify({ request: '/api/2.0/export', error: "'from_date' and 'to_date' are required" }));
			return;
		}
		const gzip = server.gzip && /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
		response.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8', ...(gzip ? { 'Content-Encoding': 'gzip' } : {}) });
		const out = gzip ? createGzip() : response;
		if (gzip) (out as ReturnType<typeof createGzip>).pipe(response);
		let batch: string[] = [];
		let sent = 0;
		for (const line of server.lines(from, to)) {
			batch.push(line);
			sent += 1;
			if (server.breakAfterLines !== undefined && sent === server.breakAfterLines) {
				await write(out, `${batch.join('\n')}\n`);
				await new Promise<void>((resolve) => (gzip ? (out as ReturnType<typeof createGzip>).flush(() => resolve()) : resolve()));
				await new Promise((resolve) => setTimeout(resolve, 20));
				response.socket?.destroy();
				return;
			}
			if (batch.length === 2_000) {
				await write(out, `${batch.join('\n')}\n`);
				batch = [];
			}
		}
		if (batch.length > 0) await write(out, `${batch.join('\n')}\n`);
		out.end();
	}, server);
	return server;
}

// ── Pendo ────────────────────────────────────────────────────────────────────────────────────────

/** One visitor's events on one day (what Pendo's `events` source holds). */
export interface PendoEventRow {
	accountId: string | null;
	visitorId: string;
	/** Epoch ms of the day's start in the subscription's time zone. */
	day: number;
	numEvents: number;
	featureId?: string;
}

export interface PendoServer extends LocalServer {
	events: PendoEventRow[];
	integrationKey: string;
}

/**
 * Answers the pipeline CS Signal OS sends: source events/featureEvents over a dayRange time series →
 * identified visitorId → group by the named fields with count (distinct) and sum → sort.
 */
export async function startPendoServer(events: PendoEventRow[], integrationKey = 'pendo-key-1'): Promise<PendoServer> {
	const server = { url: '', requests: [], failures: [], close: async () => {}, events, integrationKey } as PendoServer;
	await listen((request, response, recorded) => {
		const reply = (status: number, body: unknown) => {
			response.writeHead(status, { 'Content-Type': 'application/json' });
			response.end(typeof body === 'string' ? body : JSON.stringify(body));
		};
		if (recorded.path !== '/api/v1/aggregation' || recorded.method !== 'POST') return reply(404, 'Not Found');
		if (request.headers['x-pendo-integration-key'] !== server.integrationKey) return reply(401, { message: 'invalid integration key' });
		const pipeline = (recorded.body as { request?: { pipeline?: Array<Record<string, any>> } })?.request?.pipeline;
		if (!Array.isArray(pipeline)) return reply(400, { message: 'request.pipeline is required' });
		const source = pipeline.find((stage) => 'source' in stage)?.source;
		const group = pipeline.find((stage) => 'group' in stage)?.group;
		const series = source?.timeSeries;
		if (!source || !group || series?.period !== 'dayRange' || typeof series.first !== 'number' || typeof series.count !== 'number') {
			return reply(400, { message: 'unsupported pipeline' });
		}
		const end = series.first + series.count * 86_400_000;
		const rows = server.events.filter((e) => e.day >= series.first && e.day < end && (!('featureEvents' in source) || e.featureId !== undefined));
		const identified = pipeline.some((stage) => stage.identified === 'visitorId') ? rows.filter((e) => !e.visitorId.startsWith('_anon')) : rows;
		const fields = Object.entries(group.fields as Record<string, { count?: string; sum?: string }>);
		const groups = new Map<string, { keys: Record<string, unknown>; rows: PendoEventRow[] }>();
		for (const row of identified) {
			const keys = Object.fromEntries((group.group as string[]).map((field) => [field, (row as unknown as Record<string, unknown>)[field] ?? null]));
			const key = JSON.stringify(keys);
			const entry = groups.get(key) ?? { keys, rows: [] };
			entry.rows.push(row);
			groups.set(key, entry);
		}
		const value = (row: PendoEventRow, field: string) => (row as unknown as Record<string, unknown>)[field];
		const results = [...groups.values()].map((entry) => ({
			...entry.keys,
			...Object.fromEntries(
				fields.map(([name, op]) => [
					name,
					op.count !== undefined ? new Set(entry.rows.map((row) => value(row, op.count!))).size : entry.rows.reduce((total, row) => total + Number(value(row, op.sum!) ?? 0), 0),
				]),
			),
		}));
		return reply(200, { startTime: series.first, results });
	}, server);
	return server;
}
