/**
 * E-mail address headers ("Dana Kim <dana@acme.com>, \"Park, Lee\" <lee@acme.com>", bare addresses, groups) as
 * canonical addresses. Enough of RFC 5322 for From / To / Cc: commas inside quotes or angle brackets do not split,
 * display names lose their quotes, group syntax ("Team: a@x.com, b@x.com;") yields its members.
 */
import type { Address } from '../../model';

const ADDRESS = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;

function splitList(header: string): string[] {
	const parts: string[] = [];
	let current = '';
	let quoted = false;
	let angle = 0;
	for (let i = 0; i < header.length; i++) {
		const ch = header[i];
		if (ch === '\\' && quoted && i + 1 < header.length) {
			current += ch + header[++i];
			continue;
		}
		if (ch === '"') quoted = !quoted;
		else if (!quoted && ch === '<') angle += 1;
		else if (!quoted && ch === '>') angle = Math.max(0, angle - 1);
		if (!quoted && angle === 0 && (ch === ',' || ch === ';')) {
			parts.push(current);
			current = '';
			continue;
		}
		if (!quoted && angle === 0 && ch === ':' && !current.includes('@')) {
			// "Team: a@x.com, b@x.com;" — the group's name is not an address
			current = '';
			continue;
		}
		current += ch;
	}
	parts.push(current);
	return parts.map((p) => p.trim()).filter(Boolean);
}

function unquote(name: string): string {
	const trimmed = name.trim();
	const inner = trimmed.startsWith('"') && trimmed.endsWith('"') && trimmed.length >= 2 ? trimmed.slice(1, -1).replace(/\\(.)/g, '$1') : trimmed;
	return inner.replace(/\s+/g, ' ').trim();
}

/** Every address in an address header; parts that hold no address are left out. */
export function parseAddressList(header: string | undefined | null): Address[] {
	if (!header) return [];
	const out: Address[] = [];
	for (const part of splitList(header)) {
		const angle = /<([^<>]+)>\s*$/.exec(part);
		const email = (angle ? angle[1] : part.replace(/\(.*?\)/g, '')).trim().toLowerCase();
		if (!ADDRESS.test(email)) continue;
		const name = angle ? unquote(part.slice(0, angle.index)) : '';
		out.push(name && name.toLowerCase() !== email ? { email, name } : { email });
	}
	return out;
}
