/**
 * Salesforce REST query reader (the first piece of the Salesforce mode of CS CRM Signals): one SOQL query through
 * `GET {instance_url}/services/data/vXX.X/query?q=…`, followed through `nextRecordsUrl` until `done` — every page,
 * under the paging guard, or a SourceError saying what was read. Salesforce answers errors as a JSON array
 * (`[{ message, errorCode, fields }]`); its daily API quota is `403 REQUEST_LIMIT_EXCEEDED` (no 429, no Retry-After):
 * not retried the same day, the error says so.
 */
import { plural } from '../../model';
import { joinUrl, RequestFailure, requestWithRetry, SourceError, type SourceContext } from '../http';
import { PagingGuard } from '../paging';

/** The REST API version every request asks for. */
export const SALESFORCE_API_VERSION = 'v60.0';

export interface SalesforceClientOptions extends SourceContext {
	/** The org's instance URL (`instance_url` of the OAuth2 token, e.g. https://acme.my.salesforce.com). */
	instanceUrl: string;
	apiVersion?: string;
}

export type SalesforceRecord = Record<string, unknown> & { attributes?: { type?: string; url?: string } };

export interface SalesforceQueryResult {
	records: SalesforceRecord[];
	totalSize: number;
	pages: number;
}

/** The Salesforce error code of a failed request's detail ("REQUEST_LIMIT_EXCEEDED: …"), if it carries one. */
function errorCode(error: RequestFailure): string | undefined {
	return /^([A-Z_]{3,}):/.exec(error.detail)?.[1];
}

/**
 * Every record of one SOQL query. `what` names the query in messages ("Opportunity"). A failed request, a page that
 * is not a query result or a `nextRecordsUrl` handed back twice stops with a SourceError naming the query and what
 * was read; the quota (REQUEST_LIMIT_EXCEEDED) fails at once, never retried.
 */
export async function querySalesforce(client: SalesforceClientOptions, soql: string, what: string): Promise<SalesforceQueryResult> {
	const version = client.apiVersion ?? SALESFORCE_API_VERSION;
	const queryPath = `/services/data/${version}/query`;
	const guard = new PagingGuard(client.maxPages);
	const records: SalesforceRecord[] = [];
	let pages = 0;
	let totalSize = 0;
	let next: string | undefined;
	const read = () => `${plural(pages, 'page')} / ${plural(records.length, 'record')} were read`;
	const bad: (problem: string) => never = (problem) => {
		throw new SourceError(`Salesforce: SOQL query of ${what} (GET ${queryPath}) ${problem} — ${read()}; nothing of this run was kept`, 'Salesforce', queryPath, 200, 1, { pages, records: records.length });
	};
	for (;;) {
		let body: unknown;
		try {
			const response = await requestWithRetry(client, next ? { method: 'GET', url: joinUrl(client.instanceUrl, next) } : { method: 'GET', url: joinUrl(client.instanceUrl, queryPath), qs: { q: soql } });
			body = response.body;
		} catch (error) {
			if (!(error instanceof RequestFailure)) throw error;
			const quota = errorCode(error) === 'REQUEST_LIMIT_EXCEEDED' ? '; the org’s daily API request limit is used up — not retried today, the next run tries again' : '';
			throw new SourceError(
				`Salesforce: SOQL query of ${what} (GET ${queryPath}) failed ${error.describe()} — ${read()}${quota}; nothing of this run was kept`,
				'Salesforce',
				queryPath,
				error.statusCode,
				error.attempts,
				{ pages, records: records.length },
			);
		}
		const page = body as { records?: unknown; done?: unknown; nextRecordsUrl?: unknown; totalSize?: unknown } | undefined;
		if (!page || typeof page !== 'object' || !Array.isArray(page.records) || typeof page.done !== 'boolean') bad(`answered page ${pages + 1} without "records" and "done"`);
		pages += 1;
		if (typeof page.totalSize === 'number') totalSize = page.totalSize;
		for (const record of page.records as unknown[]) {
			if (!record || typeof record !== 'object' || Array.isArray(record)) bad(`answered a record on page ${pages} that is not an object`);
			records.push(record as SalesforceRecord);
		}
		if (page.done) break;
		if (typeof page.nextRecordsUrl !== 'string' || page.nextRecordsUrl === '') bad(`answered page ${pages} with done: false but no nextRecordsUrl`);
		const stop = guard.follow(page.nextRecordsUrl);
		if (stop) bad(stop.replace(/cursor/g, 'nextRecordsUrl'));
		next = page.nextRecordsUrl;
	}
	return { records, totalSize, pages };
}

/** A SOQL string literal: quotes and backslashes escaped (Salesforce's escaping rules for string values). */
export function soqlString(value: string): string {
	return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}'`;
}
