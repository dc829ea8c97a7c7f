import { parseRetryAfter, redactSecrets, RequestFailure, requestWithRetry, type SourceRequestOptions, type SourceResponse } from '../../engine/sources/http';

function scripted(responses: Array<SourceResponse | Error>) {
	const calls: SourceRequestOptions[] = [];
	const request = async (options: SourceRequestOptions): Promise<SourceResponse> => {
		calls.push(options);
		const next = responses.shift();
		if (!next) throw new Error('no more scripted responses');
		if (next instanceof Error) throw next;
		return next;
	};
	return { request, calls };
}

function fakeClock() {
	const waits: number[] = [];
	return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

const ok = (body: unknown = { ok: true }): SourceResponse => ({ statusCode: 200, headers: {}, body });
const options: SourceRequestOptions = { method: 'GET', url: 'https://api.example.test/x' };

describe('requestWithRetry', () => {
	it('waits the Retry-After seconds on 429, then returns the 200', async () => {
		const { request, calls } = scripted([{ statusCode: 429, headers: { 'Retry-After': '7' }, body: 'slow down' }, ok({ page: 1 })]);
		const clock = fakeClock();
		const response = await requestWithRetry({ request, sleep: clock.sleep }, options);
		expect(response.body).toEqual({ page: 1 });
		expect(clock.waits).toEqual([7000]);
		expect(calls).toHaveLength(2);
	});

	it('reads an HTTP-date Retry-After against the injected clock on 503', async () => {
		const now = Date.parse('2026-03-02T10:00:00Z');
		const { request } = scripted([{ statusCode: 503, headers: { 'retry-after': 'Mon, 02 Mar 2026 10:00:12 GMT' }, body: '' }, ok()]);
		const clock = fakeClock();
		await requestWithRetry({ request, sleep: clock.sleep, now: () => now }, options);
		expect(clock.waits).toEqual([12000]);
	});

	it('backs off exponentially on 5xx without Retry-After and gives up after maxAttempts', async () => {
		const { request, calls } = scripted([500, 502, 504, 500].map((statusCode) => ({ statusCode, headers: {}, body: { message: 'upstream broke' } })));
		const clock = fakeClock();
		const failure = await requestWithRetry({ request, sleep: clock.sleep, retry: { maxAttempts: 4, baseDelayMs: 1000 } }, options).catch((e) => e);
		expect(failure).toBeInstanceOf(RequestFailure);
		expect(failure.describe()).toBe('after 4 attempts (HTTP 500: upstream broke)');
		expect(clock.waits).toEqual([1000, 2000, 4000]);
		expect(calls).toHaveLength(4);
	});

	it('does not retry a 401 and keeps the token out of the message', async () => {
		const { request, calls } = scripted([{ statusCode: 401, headers: {}, body: { message: 'Authentication failed for Authorization: Bearer pat-na1-secret-123' } }]);
		const failure = await requestWithRetry({ request, sleep: fakeClock().sleep }, options).catch((e) => e);
		expect(calls).toHaveLength(1);
		expect(failure.describe()).toBe('after 1 attempt (HTTP 401: Authentication failed for Authorization: [redacted] [redacted])');
		expect(failure.describe()).not.toContain('pat-na1-secret-123');
	});

	it('retries network errors and reports them without secrets when they persist', async () => {
		const error = Object.assign(new Error('socket hang up (token=abc123)'), { code: 'ECONNRESET' });
		const { request } = scripted([error, error]);
		const clock = fakeClock();
		const failure = await requestWithRetry({ request, sleep: clock.sleep, retry: { maxAttempts: 2 } }, options).catch((e) => e);
		expect(failure.describe()).toBe('after 2 attempts (no HTTP response: ECONNRESET socket hang up (token=[redacted]))');
		expect(clock.waits).toEqual([1000]);
	});

	it('fails at once when Retry-After exceeds what a sweep waits (a daily limit)', async () => {
		const { request, calls } = scripted([{ statusCode: 429, headers: { 'Retry-After': '36000' }, body: { message: 'You have reached your daily limit.', policyName: 'DAILY' } }]);
		const failure = await requestWithRetry({ request, sleep: fakeClock().sleep }, options).catch((e) => e);
		expect(calls).toHaveLength(1);
		expect(failure.describe()).toBe(
			'after 1 attempt (HTTP 429: You have reached your daily limit.; the provider asks to wait 36000 s, longer than the 120 s this sweep waits)',
		);
	});
});

describe('parseRetryAfter and redactSecrets', () => {
	it('reads seconds, HTTP dates and rejects garbage', () => {
		expect(parseRetryAfter('3', 0)).toBe(3000);
		expect(parseRetryAfter('Thu, 01 Jan 1970 00:00:05 GMT', 1000)).toBe(4000);
		expect(parseRetryAfter('soon', 0)).toBeUndefined();
		expect(parseRetryAfter(undefined, 0)).toBeUndefined();
	});

	it('removes bearer, basic, private-app and key=value secrets', () => {
		expect(redactSecrets('Basic Zm9vL3Rva2VuOmJhcg== and pat-eu1-abc and api_token: "xyz"')).toBe('Basic [redacted] and [redacted] and api_token: "[redacted]"');
	});
});
