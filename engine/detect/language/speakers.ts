import { domainWithin, domainOf, type Person } from '../../model';

/**
 * Who said it: every sentence of every source knows its speaker and which side of the relationship they are on.
 * Customer-side words drive sentiment and intent; the vendor's own words ("we're sorry this took so long") never do.
 */
export const SIDES = ['customer', 'vendor', 'unknown'] as const;
export type Side = (typeof SIDES)[number];

/** A resolved speaker: the person (when known) and their side. */
export interface Speaker {
	/** A stable key for grouping: the e-mail when known, else the lower-cased name, else the raw label. */
	key: string;
	name?: string;
	email?: string;
	title?: string;
	side: Side;
	champion: boolean;
	execSponsor: boolean;
}

function normaliseName(name: string): string {
	return name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/\s+/g, ' ').trim().toLowerCase();
}

export interface SideRules {
	/** The vendor's own e-mail domains (your company). */
	vendorDomains?: readonly string[];
	/** The customer's e-mail domains (from the account's domain). */
	customerDomains?: readonly string[];
}

/** customer / vendor from an e-mail domain (subdomains count: "eu.acme.com" is acme.com). */
export function sideFromEmail(email: string | undefined, rules: SideRules): Side {
	const domain = domainOf(email);
	if (!domain) return 'unknown';
	const within = (list: readonly string[] | undefined) => domainWithin(domain, list);
	if (within(rules.vendorDomains)) return 'vendor';
	if (within(rules.customerDomains)) return 'customer';
	return 'unknown';
}

function toSpeaker(person: Person, rules: SideRules, fallbackKey: string): Speaker {
	const side: Side = person.affiliation ?? sideFromEmail(person.email, rules);
	return {
		key: person.email?.toLowerCase() ?? (person.name ? normaliseName(person.name) : fallbackKey),
		...(person.name ? { name: person.name } : {}),
		...(person.email ? { email: person.email } : {}),
		...(person.title ? { title: person.title } : {}),
		side,
		champion: person.champion === true,
		execSponsor: person.execSponsor === true,
	};
}

/**
 * The person behind a transcript speaker label or a message author: by e-mail, by full name, then by a first
 * or last name that only one person has ("Dana" when only Dana Kim attended). Unmatched labels are speakers
 * of unknown side (their words are kept out of customer sentiment).
 */
export function attributeSpeaker(label: { name?: string; email?: string }, people: readonly Person[], rules: SideRules = {}): Speaker {
	const email = label.email?.trim().toLowerCase();
	const name = label.name ? normaliseName(label.name) : undefined;
	let match = email ? people.find((p) => p.email?.toLowerCase() === email) : undefined;
	if (!match && name) match = people.find((p) => p.name && normaliseName(p.name) === name);
	if (!match && name && !name.includes(' ')) {
		const partial = people.filter((p) => p.name && normaliseName(p.name).split(' ').includes(name));
		if (partial.length === 1) match = partial[0];
	}
	if (match) return toSpeaker({ ...match, email: match.email ?? label.email }, rules, name ?? email ?? 'unknown');
	return toSpeaker({ name: label.name?.trim() || undefined, email: label.email }, rules, name ?? email ?? 'unknown');
}
