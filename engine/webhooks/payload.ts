import { headerValues, type WebhookHeaders } from './request';

/**
 * The body of a verified request, parsed: JSON (what every supported provider sends for events), else the
 * fields of a form-encoded body (Slack slash commands and interactivity), else undefined. Never throws.
 */
export function parsePayload(body: Buffer, headers: WebhookHeaders): unknown {
	if (body.length === 0) return undefined;
	const text = body.toString('utf8');
	try {
		return JSON.parse(text);
	} catch {
		// not JSON: maybe a form
	}
	const contentType = headerValues(headers, 'content-type').join(';').toLowerCase();
	if (contentType.includes('application/x-www-form-urlencoded') || /^[\w.%+-]+=[^\s]*(&[\w.%+-]+=[^\s]*)*$/.test(text)) {
		const fields: Record<string, string> = {};
		for (const [key, value] of new URLSearchParams(text)) fields[key] = value;
		return fields;
	}
	return undefined;
}
