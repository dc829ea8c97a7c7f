import { formatAmount, listing, plural, type AccountIntelligence } from '../model';
import type { IntelligenceConfig } from './config';
import type { HealthCore } from './health';
import { exactLength } from './signals';

/**
 * "Champion attendance down 60%." → "champion attendance down 60%". Acronyms ("WAU dropped") and names
 * ("Dana Whitfield (COO) …", where the next word is capitalised too) keep their case.
 */
export function evidencePhrase(evidence: string): string {
	const text = evidence.trim().replace(/[.!\s]+$/, '');
	const [first = '', second = ''] = text.split(/\s+/, 2);
	const startsWithName = /^[A-Z]/.test(second);
	if (first.length > 1 && /^[A-Z][^A-Z0-9]/.test(first) && !startsWithName) return text[0].toLowerCase() + text.slice(1);
	return text;
}

const points = (delta: number) => `${delta > 0 ? 'up' : 'down'} ${plural(Math.abs(delta), 'point')}`;

/**
 * Short sentences a CSM reads in Slack, most important first. The first is the headline built from the
 * top risk drivers' evidence: "Risk 8.2: champion meeting attendance down 60% in 90 days; support volume up 40%".
 */
export function explain(item: AccountIntelligence, health: HealthCore, config: IntelligenceConfig): string[] {
	const lines: string[] = [];
	const risk = item.risk;
	lines.push(
		risk.drivers.length
			? `Risk ${risk.score.toFixed(1)}: ${risk.drivers.map((d) => evidencePhrase(d.evidence)).join('; ')}`
			: `Risk ${risk.score.toFixed(1)}: no active risk signals`,
	);

	const h = item.health;
	let healthLine = `Health ${h.score} (${h.band}, ${h.confidence} confidence)`;
	const trend: string[] = [];
	if (h.trend.delta7d !== null && h.trend.delta7d !== 0) trend.push(`${points(h.trend.delta7d)} in 7 days`);
	if (h.trend.delta30d !== null && h.trend.delta30d !== 0) trend.push(`${points(h.trend.delta30d)} in 30 days`);
	if (trend.length) healthLine += `, ${trend.join(', ')}`;
	lines.push(`${healthLine}.`);

	if (health.missing.length === health.dimensions.length) {
		lines.push(`Data is missing: no usage, relationship, support, commercial or outcomes inputs, so ${h.score} is a placeholder, not a sign of health.`);
	} else if (health.missing.length) {
		const present = health.dimensions.filter((d) => !d.missing).map((d) => d.dimension);
		lines.push(`Data is missing for ${listing(health.missing)}: ${health.missing.length === 1 ? 'its' : 'their'} weight was redistributed to ${listing(present)}.`);
	}
	if (health.stale.length) {
		const parts = health.stale.map((s) => `${s.id} is ${s.ageDays} days old (window ${s.windowDays} days)`);
		lines.push(`Stale data: ${parts.join('; ')}.`);
	}

	const r = item.renewal;
	if (r.daysToRenewal !== null) {
		const when = r.daysToRenewal >= 0 ? `Renewal in ${plural(r.daysToRenewal, 'day')}` : `Renewal date passed ${-r.daysToRenewal} days ago`;
		const stage = r.stage === 'none' ? '' : ` (${r.stage})`;
		lines.push(`${when}${stage}: forecast ${Math.round(r.forecastProbability * 100)}%, expected ARR ${formatAmount(r.expectedArr, item.account.currency)}.`);
	}

	const e = item.expansion;
	lines.push(e.guardrail ?? `Expansion readiness ${e.score} (${e.band.replace('_', ' ')}).`);

	const s = item.stakeholders;
	if (s.singleThreaded) {
		lines.push(`Single-threaded: ${plural(s.engagedContacts, 'contact')} engaged in ${config.windows.stakeholderDays} days.`);
	}
	if (s.unmappedExecutives.length) {
		lines.push(`Unmapped executive${s.unmappedExecutives.length === 1 ? '' : 's'} (never engaged): ${listing(s.unmappedExecutives)}.`);
	}
	if (s.departed.length) lines.push(`Departed: ${listing(s.departed)}.`);
	if (item.adoption.ceilingReached) {
		lines.push(`Adoption ceiling: usage flat for ${item.adoption.plateauWeeks} weeks at ${item.adoption.seatUtilisation}% seat utilisation.`);
	}
	return exactLength(lines);
}
