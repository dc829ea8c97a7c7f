import type { SourceContext } from './http';

/**
 * A provider's documented request rate, kept by spacing requests out rather than by running into 429s: Gong
 * allows 3 requests a second, Slack's `conversations.history` one a minute for commercially distributed apps
 * outside the Marketplace. The returned context waits (its own `sleep`, n8n's in nodes) whatever is left of
 * `minIntervalMs` since the previous request started — retries included — so a run never exceeds the rate.
 * The pacing lives for one run: nothing is kept between executions (queue mode has no shared memory).
 */
export function paced<C extends SourceContext>(context: C, minIntervalMs: number): C {
	if (!(minIntervalMs > 0)) return context;
	const now = context.now ?? Date.now;
	let last: number | undefined;
	return {
		...context,
		request: async (options) => {
			if (last !== undefined) {
				const wait = last + minIntervalMs - now();
				if (wait > 0) await context.sleep(wait);
			}
			last = now();
			return context.request(options);
		},
	};
}

/** The interval between requests for a rate given as requests per minute. */
export function intervalForRate(requestsPerMinute: number): number {
	return requestsPerMinute > 0 ? Math.ceil(60_000 / requestsPerMinute) : 0;
}
