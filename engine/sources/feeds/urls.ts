/** Feed URLs built from what a CSM knows about an account: its name, aliases, domain, SEC CIK. */

export const GOOGLE_NEWS_BASE_URL = 'https://news.google.com';
export const SEC_EDGAR_BASE_URL = 'https://www.sec.gov';

export interface GoogleNewsQuery {
	/** Names and aliases, each searched as an exact phrase. */
	names: string[];
	/** The account's domain, searched as a phrase too ("acme.com"). */
	domain?: string;
	/** Interface language, e.g. "en-US", "de", "fr-FR". */
	hl?: string;
	/** Country edition, e.g. "US", "DE". */
	gl?: string;
	/** Edition id; derived as "<gl>:<language>" when absent (US:en). */
	ceid?: string;
	/** Only items of the last N days (Google's `when:Nd` operator). */
	whenDays?: number;
	/** Default https://news.google.com (a proxy or a test server). */
	baseUrl?: string;
}

const phrase = (term: string) => `"${term.replace(/"/g, '').trim()}"`;

/**
 * `https://news.google.com/rss/search?q=%22Acme%20Corp%22%20OR%20%22acme.com%22&hl=en-US&gl=US&ceid=US:en`.
 * hl, gl and ceid must agree (Google answers with another edition otherwise).
 */
export function googleNewsSearchUrl(query: GoogleNewsQuery): string {
	const terms = [...new Set([...query.names, ...(query.domain ? [query.domain.replace(/^https?:\/\//, '').replace(/^www\./, '').replace(/\/.*$/, '')] : [])].map((t) => t.trim()).filter(Boolean))];
	if (terms.length === 0) throw new Error('Google News search: give the account name (or an alias or domain) to search for');
	const hl = query.hl ?? 'en-US';
	const gl = query.gl ?? (hl.includes('-') ? hl.split('-')[1].toUpperCase() : 'US');
	const ceid = query.ceid ?? `${gl}:${hl.split('-')[0]}`;
	const q = `${terms.map(phrase).join(' OR ')}${query.whenDays ? ` when:${query.whenDays}d` : ''}`;
	return `${(query.baseUrl || GOOGLE_NEWS_BASE_URL).replace(/\/+$/, '')}/rss/search?q=${encodeURIComponent(q)}&hl=${encodeURIComponent(hl)}&gl=${encodeURIComponent(gl)}&ceid=${encodeURIComponent(ceid).replace('%3A', ':')}`;
}

/** A company's filings as Atom: `https://www.sec.gov/cgi-bin/browse-edgar?action=getcompany&CIK=0001234567&type=8-K&dateb=&owner=include&count=40&output=atom`. */
export function edgarCompanyFilingsUrl(cik: string | number, options: { type?: string; count?: number; baseUrl?: string } = {}): string {
	const digits = String(cik).replace(/\D/g, '');
	if (digits === '' || digits.length > 10) throw new Error(`SEC EDGAR: CIK ${JSON.stringify(cik)} is not a company CIK (up to 10 digits, e.g. 0000320193)`);
	const base = (options.baseUrl || SEC_EDGAR_BASE_URL).replace(/\/+$/, '');
	const params = new URLSearchParams({ action: 'getcompany', CIK: digits.padStart(10, '0'), type: options.type ?? '8-K', dateb: '', owner: 'include', count: String(options.count ?? 40), output: 'atom' });
	return `${base}/cgi-bin/browse-edgar?${params.toString()}`;
}

export function isEdgarUrl(url: string): boolean {
	try {
		return /(^|\.)sec\.gov$/i.test(new URL(url).hostname);
	} catch {
		return false;
	}
}
