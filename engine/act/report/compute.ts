/**
 * CS Portfolio Report: a book of AccountIntelligence (+ optional Decisions and actioned times) → the weekly
 * leadership numbers (seed 001 "Leadership Visibility"; seed 004 executive dashboard, NRR/GRR, renewal forecast).
 */
import { DateTime } from 'luxon';
import { DECISION_FAMILIES, HEALTH_BANDS_3, HEALTH_BANDS_5, EXPANSION_BANDS, parseIsoDate, type AccountIntelligence, type Decision, type DecisionFamily } from '../../model';

export const REPORT_DEFAULTS = {
	/** The report's title (HTML heading, markdown heading, Slack header). */
	title: 'CS portfolio report',
	/** Health bands that make an account "at risk" (three- and five-band schemes). */
	atRiskBands: ['red', 'poor', 'critical'] as string[],
	/** …or a risk score above this (seed 001: risk above 7.0 → executive escalation). */
	atRiskAboveRisk: 7,
	/** Renewal windows in days (seed 002 renewal ladder T-120 … T-30). */
	renewalWindows: [30, 60, 90, 120],
	/** "Triggers fired this week". */
	triggerWindowDays: 7,
	/** At-risk accounts listed by name (largest ARR first). */
	topAtRisk: 10,
};
export type ReportConfig = typeof REPORT_DEFAULTS;

/** When a decision was acted on (ledger `actioned`), for detection-to-action time. */
export interface ActionedRecord {
	decisionId?: string;
	firedAt: string;
	actionedAt: string;
}

export interface ReportInput {
	intelligence: readonly AccountIntelligence[];
	decisions?: readonly Decision[];
	actioned?: readonly ActionedRecord[];
	/** Default: the latest intelligence asOf. */
	asOf?: string;
	options?: Partial<ReportConfig>;
}

export interface BandRow {
	band: string;
	count: number;
	arr: number;
}
export interface AtRiskAccount {
	accountId: string;
	name: string;
	arr: number;
	healthScore: number;
	healthBand: string;
	riskScore: number;
	daysToRenewal: number | null;
	topDriver: string | null;
	crmUrl: string | null;
}
export interface RenewalWindow {
	label: string;
	fromDays: number;
	toDays: number;
	count: number;
	arrDue: number;
	forecastArr: number;
}

export interface PortfolioReport {
	asOf: string;
	currency: string;
	accounts: number;
	totalArr: number;
	/** Accounts in another currency: counted, but their ARR is not added (no FX conversion). */
	otherCurrencyAccounts: Array<{ accountId: string; currency: string; arr: number }>;
	health: { bands: BandRow[]; averageScore: number | null };
	atRisk: { count: number; arr: number; accounts: AtRiskAccount[] };
	renewals: { windows: RenewalWindow[]; arrDue: number; forecastArr: number; forecastRatio: number | null };
	expansion: { bands: BandRow[] };
	retention: { accounts: number; startingArr: number; expansionArr: number; contractionArr: number; churnedArr: number; nrr: number; grr: number } | null;
	triggers: { since: string; byFamily: Array<{ family: DecisionFamily; count: number }>; total: number; suppressed: number } | null;
	detectionToAction: { count: number; medianHours: number; p90Hours: number; maxHours: number } | null;
}

function quantile(sorted: number[], q: number): number {
	const pos = (sorted.length - 1) * q;
	const lo = Math.floor(pos);
	const hi = Math.ceil(pos);
	return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export function computePortfolioReport(input: ReportInput): PortfolioReport {
	const config: ReportConfig = { ...REPORT_DEFAULTS, ...(input.options ?? {}) };
	const all = [...input.intelligence];
	const asOf = input.asOf ?? all.map((i) => i.asOf).sort((a, b) => parseIsoDate(b)!.toMillis() - parseIsoDate(a)!.toMillis())[0] ?? DateTime.utc().toISO()!;
	const arrByCurrency = new Map<string, number>();
	for (const i of all) arrByCurrency.set(i.account.currency, (arrByCurrency.get(i.account.currency) ?? 0) + i.account.arr);
	const currency = [...arrByCurrency.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? 'EUR';
	const arrOf = (i: AccountIntelligence) => (i.account.currency === currency ? i.account.arr : 0);

	const bandOrder = [...HEALTH_BANDS_3, ...HEALTH_BANDS_5] as string[];
	const seenBands = new Set(all.map((i) => i.health.band));
	const scheme = all.some((i) => i.health.bandScheme === 'five') && !all.some((i) => i.health.bandScheme === 'three') ? HEALTH_BANDS_5 : HEALTH_BANDS_3;
	const bands = [...new Set([...(scheme as readonly string[]), ...[...seenBands].sort((a, b) => bandOrder.indexOf(a) - bandOrder.indexOf(b))])];
	const healthBands = bands.map((band) => {
		const members = all.filter((i) => i.health.band === band);
		return { band, count: members.length, arr: members.reduce((s, i) => s + arrOf(i), 0) };
	});

	const atRisk = all
		.filter((i) => config.atRiskBands.includes(i.health.band) || i.risk.score > config.atRiskAboveRisk)
		.sort((a, b) => arrOf(b) - arrOf(a) || b.risk.score - a.risk.score || a.accountId.localeCompare(b.accountId));

	// Windows are (previous, to]; the first one starts at day 0 (renewing today counts).
	const windows: RenewalWindow[] = [];
	let previous = -1;
	for (const to of config.renewalWindows) {
		const lo = previous;
		const members = all.filter((i) => i.renewal.daysToRenewal !== null && i.renewal.daysToRenewal > lo && i.renewal.daysToRenewal <= to);
		windows.push({
			label: `${lo + 1}–${to} days`,
			fromDays: lo + 1,
			toDays: to,
			count: members.length,
			arrDue: members.reduce((s, i) => s + arrOf(i), 0),
			forecastArr: members.reduce((s, i) => s + arrOf(i) * i.renewal.forecastProbability, 0),
		});
		previous = to;
	}
	const arrDue = windows.reduce((s, w) => s + w.arrDue, 0);
	const forecastArr = windows.reduce((s, w) => s + w.forecastArr, 0);

	const expansionBands = (EXPANSION_BANDS as readonly string[]).map((band) => {
		const members = all.filter((i) => i.expansion.band === band);
		return { band, count: members.length, arr: members.reduce((s, i) => s + arrOf(i), 0) };
	});

	const movers = all.filter((i) => i.account.arrMovements && i.account.currency === currency);
	let retention: PortfolioReport['retention'] = null;
	if (movers.length > 0) {
		const sum = (k: 'startingArr' | 'expansionArr' | 'contractionArr' | 'churnedArr') => movers.reduce((s, i) => s + (i.account.arrMovements?.[k] ?? 0), 0);
		const start = sum('startingArr');
		const expansion = sum('expansionArr');
		const contraction = sum('contractionArr');
		const churn = sum('churnedArr');
		if (start > 0) {
			retention = {
				accounts: movers.length,
				startingArr: start,
				expansionArr: expansion,
				contractionArr: contraction,
				churnedArr: churn,
				// Seed 004: NRR = (start + expansion − contraction − churn) / start; GRR = (start − contraction − churn) / start.
				nrr: (start + expansion - contraction - churn) / start,
				grr: (start - contraction - churn) / start,
			};
		}
	}

	let triggers: PortfolioReport['triggers'] = null;
	const asOfDt = parseIsoDate(asOf)!;
	if (input.decisions) {
		const since = asOfDt.minus({ days: config.triggerWindowDays });
		const recent = input.decisions.filter((d) => {
			const at = parseIsoDate(d.firedAt);
			return at !== null && at > since && at <= asOfDt;
		});
		const fired = recent.filter((d) => d.status !== 'suppressed');
		triggers = {
			since: since.toISO({ suppressMilliseconds: true })!,
			byFamily: DECISION_FAMILIES.map((family) => ({ family, count: fired.filter((d) => d.family === family).length })),
			total: fired.length,
			suppressed: recent.length - fired.length,
		};
	}

	let detectionToAction: PortfolioReport['detectionToAction'] = null;
	const hours = (input.actioned ?? [])
		.map((a) => {
			const fired = parseIsoDate(a.firedAt);
			const done = parseIsoDate(a.actionedAt);
			return fired && done ? done.diff(fired, 'hours').hours : Number.NaN;
		})
		.filter((h) => Number.isFinite(h) && h >= 0)
		.sort((a, b) => a - b);
	if (hours.length > 0) detectionToAction = { count: hours.length, medianHours: quantile(hours, 0.5), p90Hours: quantile(hours, 0.9), maxHours: hours[hours.length - 1] };

	return {
		asOf,
		currency,
		accounts: all.length,
		totalArr: all.reduce((s, i) => s + arrOf(i), 0),
		otherCurrencyAccounts: all.filter((i) => i.account.currency !== currency).map((i) => ({ accountId: i.accountId, currency: i.account.currency, arr: i.account.arr })),
		health: { bands: healthBands, averageScore: all.length ? all.reduce((s, i) => s + i.health.score, 0) / all.length : null },
		atRisk: {
			count: atRisk.length,
			arr: atRisk.reduce((s, i) => s + arrOf(i), 0),
			accounts: atRisk.slice(0, config.topAtRisk).map((i) => ({
				accountId: i.accountId,
				name: i.account.name,
				arr: i.account.arr,
				healthScore: i.health.score,
				healthBand: i.health.band,
				riskScore: i.risk.score,
				daysToRenewal: i.renewal.daysToRenewal,
				topDriver: i.risk.drivers[0]?.evidence ?? null,
				crmUrl: i.account.crm?.url ?? null,
			})),
		},
		renewals: { windows, arrDue, forecastArr, forecastRatio: arrDue > 0 ? forecastArr / arrDue : null },
		expansion: { bands: expansionBands },
		retention,
		triggers,
		detectionToAction,
	};
}
