import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

/** What a source's retry and timeout fields say beyond the common wording. */
export interface RequestRetryWording {
	/** Which answers are retried (default: rate-limited 429 and failing 5xx, honouring Retry-After). */
	retried?: string;
	/** What happens after the last attempt ("the run fails and the cursor stays where it was"). */
	afterRetries: string;
	/** The timeout field's description, where the source's timeout means more than one request's wait. */
	timeout?: string;
	displayOptions?: IDisplayOptions;
}

const RETRIED = 'Rate-limited (429) or failing (5xx) requests are retried, honouring Retry-After';
const TIMEOUT =
	'How long one request may wait for an answer; then it counts as failed and is retried (up to the attempts above), and the run fails naming the endpoint';

/**
 * The two request fields of every source that calls a provider — Max Attempts per Request and Request Timeout
 * (Seconds) — with the defaults from the source's engine table: one definition, worded per source.
 */
export function requestRetryFields(defaults: { maxAttempts: number; requestTimeoutSeconds: number }, wording: RequestRetryWording): INodeProperties[] {
	const { maxAttempts, requestTimeoutSeconds } = defaults;
	const shown = wording.displayOptions ? { displayOptions: wording.displayOptions } : {};
	return [
		{
			displayName: 'Max Attempts per Request',
			name: 'maxAttempts',
			type: 'number',
			noDataExpression: true,
			default: maxAttempts,
			typeOptions: { minValue: 1 },
			...shown,
			description: `${wording.retried ?? RETRIED}; then ${wording.afterRetries}`,
		},
		{
			displayName: 'Request Timeout (Seconds)',
			name: 'requestTimeoutSeconds',
			type: 'number',
			noDataExpression: true,
			default: requestTimeoutSeconds,
			typeOptions: { minValue: 1 },
			...shown,
			description: wording.timeout ?? TIMEOUT,
		},
	];
}
