/** Plain-text formatting shared by briefs and reports (no markup here: renderers escape what these return). */
import { groupThousands, ownValue, parseIsoDate } from '../../model';
import { findSignalType } from '../../taxonomy';

const CURRENCY_SYMBOLS: Record<string, string> = { EUR: '€', USD: '$', GBP: '£', JPY: '¥', INR: '₹' };

function group(integer: number): string {
	return groupThousands(String(Math.abs(integer)));
}

/** `€120,000`, `CHF 80,000` — whole units, deterministic (no locale data involved). */
export function formatMoney(amount: number, currency: string): string {
	const rounded = Math.round(amount);
	const sign = rounded < 0 ? '−' : '';
	const symbol = ownValue(CURRENCY_SYMBOLS, currency);
	return symbol ? `${sign}${symbol}${group(rounded)}` : `${sign}${currency} ${group(rounded)}`;
}

/** `€1.2M`, `€450k`, `€900` — for chart labels and headlines. */
export function formatMoneyShort(amount: number, currency: string): string {
	const symbol = ownValue(CURRENCY_SYMBOLS, currency) ?? `${currency} `;
	const abs = Math.abs(amount);
	const sign = amount < 0 ? '−' : '';
	if (abs >= 1e6) return `${sign}${symbol}${trimZero((abs / 1e6).toFixed(abs >= 1e7 ? 0 : 1))}M`;
	if (abs >= 1e3) return `${sign}${symbol}${trimZero((abs / 1e3).toFixed(abs >= 1e5 ? 0 : 1))}k`;
	return `${sign}${symbol}${Math.round(abs)}`;
}

function trimZero(text: string): string {
	return text.replace(/\.0$/, '');
}

/** 0.85 → `85%`; 1.07 → `107%`; digits for ratios like NRR (107.5%). */
export function formatPercent(ratio: number, digits = 0): string {
	return `${(ratio * 100).toFixed(digits)}%`;
}

/** The calendar date of an ISO date-time in its own offset: `2026-03-02`. */
export function formatDate(iso: string | null | undefined): string {
	if (!iso) return 'unknown date';
	const parsed = parseIsoDate(iso);
	return parsed ? (parsed.toISODate() ?? iso) : iso;
}

/** `support.ticket_burst` → `Ticket burst` (the taxonomy's label); an unknown id reads as its words. */
export function signalTypeLabel(type: string): string {
	const label = findSignalType(type)?.label ?? type.replace(/[._]/g, ' ');
	return label.charAt(0).toUpperCase() + label.slice(1);
}

const SYSTEM_NAMES: Record<string, string> = {
	hubspot: 'HubSpot', salesforce: 'Salesforce', zendesk: 'Zendesk', intercom: 'Intercom', gong: 'Gong', gmail: 'Gmail',
	slack: 'Slack', mixpanel: 'Mixpanel', pendo: 'Pendo', warehouse: 'the warehouse', news: 'the news', survey: 'the survey tool',
};

/** `hubspot` → `HubSpot`: how a source system is named to people. */
export function systemName(system: string): string {
	return ownValue(SYSTEM_NAMES, system.toLowerCase()) ?? system;
}

/** `plant_seeds` → `Plant seeds`, `csLeader` → `CS leader`. */
export function labelOf(id: string): string {
	const known: Record<string, string> = {
		csm: 'CSM',
		ae: 'AE',
		csLeader: 'CS leader',
		csManager: 'CS manager',
		supportManager: 'Support manager',
		execSponsor: 'Executive sponsor',
		plant_seeds: 'Plant seeds',
		monitor: 'Monitor',
		initiate: 'Initiate',
		c_level: 'C-level',
		vp: 'VP',
	};
	const named = ownValue(known, id);
	if (named) return named;
	const spaced = id.replace(/_/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
	return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}
