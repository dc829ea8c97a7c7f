/**
 * Slack user ids by e-mail (`users.lookupByEmail`, scope users:read.email; Tier 3): how an owner known by e-mail
 * gets a Slack mention and a direct message. An e-mail with no Slack user (`users_not_found`) has none.
 */
import { joinUrl, RequestFailure, requestWithRetry, SourceError, type SourceContext } from '../http';
import { SLACK_DEFAULT_BASE_URL, slackTransport } from './client';

const METHOD = 'users.lookupByEmail';

/** E-mail (lower case) → Slack user id, for the e-mails Slack knows; asked one at a time, each e-mail once. */
export async function lookUpSlackUsers(options: SourceContext & { baseUrl?: string }, emails: readonly string[]): Promise<Map<string, string>> {
	const client = { ...options, request: slackTransport(options.request) };
	const found = new Map<string, string>();
	const wanted = [...new Set(emails.map((email) => email.trim().toLowerCase()).filter(Boolean))];
	for (const email of wanted) {
		try {
			const response = await requestWithRetry(client, { method: 'GET', url: joinUrl(options.baseUrl || SLACK_DEFAULT_BASE_URL, `/${METHOD}`), qs: { email } });
			const id = (response.body as { user?: { id?: unknown } } | undefined)?.user?.id;
			if (typeof id === 'string' && id) found.set(email, id);
		} catch (error) {
			if (!(error instanceof RequestFailure)) throw error;
			if (/users_not_found/.test(error.detail)) continue;
			const scope = /missing_scope/.test(error.detail) ? ' — the Slack app needs the scope users:read.email' : '';
			throw new SourceError(`Slack: user lookup by e-mail (${METHOD}) failed ${error.describe()}${scope}; ${found.size} of ${wanted.length} owners were looked up`, 'Slack', METHOD, error.statusCode, error.attempts, { users: found.size });
		}
	}
	return found;
}
