/**
 * The backtest's figures — each defined here once, in the doc comment of its field; the README's "Backtest"
 * section repeats these definitions. Notation: D the evaluation dates (every `everyDays` from the first), H the
 * horizon in days, E the evaluations: (account, date) pairs with the account still a customer at the date (an
 * account is evaluated while its `churnedAt` lies after the date). A rule's outcome is churn, except for rules of
 * the expansion family, whose outcome is expansion (`expandedAt`). An outcome "follows" an evaluation at date d
 * when it lies in (d, d + H].
 */
export const OUTCOME_KINDS = ['churned', 'expanded'] as const;
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];

const DAY_MS = 86_400_000;

export interface BacktestMetrics {
	/** Evaluations in E at which the rule fired (an account counted once per date, however many reasons). */
	fires: number;
	/** Accounts the rule fired for at least once. */
	accountsFlagged: number;
	/** Alerts: fires that told someone — actions the ledger posted as new or escalated (no daily budget applied). */
	alerts: number;
	/** Share of fires followed by the rule's outcome within the horizon: |{fires (a, d) : outcome of a in (d, d + H]}| ÷ fires; null without fires. */
	precision: number | null;
	/**
	 * Share of the accounts that had the outcome and could have been warned — at least one evaluation date in
	 * [outcome − H, outcome) — for which the rule fired at such a date (i.e. within the horizon before the
	 * outcome); null when no account could have been warned.
	 */
	recall: number | null;
	/** Accounts that had the outcome and could have been warned (recall's denominator). */
	outcomesWarnable: number;
	/** Of those, the accounts the rule warned in time (recall's numerator). */
	outcomesWarned: number;
	/**
	 * Lead time in days from the first fire within the horizon before the outcome to the outcome, over the warned
	 * accounts: median, first and third quartile (linear interpolation between ranks); null when none was warned.
	 */
	leadTimeDays: { median: number; q1: number; q3: number } | null;
	/** Alerts per 100 accounts per week: alerts × 100 ÷ account-weeks observed (|E| × everyDays ÷ 7). */
	alertsPer100AccountsPerWeek: number;
	/**
	 * Precision over the base rate: the share of all evaluations in E followed by the same outcome within the
	 * horizon (what firing at random would score). Null when either is null or the base rate is 0.
	 */
	lift: number | null;
}

/** The replay as the metrics see it. */
export interface ReplayFrame {
	/** Evaluation instants (ms), ascending. */
	dates: readonly number[];
	everyDays: number;
	horizonDays: number;
	/** Per account (index): churn instant, expansion instant (ms), when known. */
	churnedMs: ReadonlyArray<number | undefined>;
	expandedMs: ReadonlyArray<number | undefined>;
}

/** Whether account `a` is evaluated at date `d`: still a customer then. */
export function isEvaluated(frame: ReplayFrame, a: number, d: number): boolean {
	const churned = frame.churnedMs[a];
	return churned === undefined || churned > frame.dates[d];
}

/** |E|. */
export function evaluationCount(frame: ReplayFrame): number {
	let count = 0;
	for (let a = 0; a < frame.churnedMs.length; a++) for (let d = 0; d < frame.dates.length; d++) if (isEvaluated(frame, a, d)) count++;
	return count;
}

function outcomeMsOf(frame: ReplayFrame, kind: OutcomeKind): ReadonlyArray<number | undefined> {
	return kind === 'churned' ? frame.churnedMs : frame.expandedMs;
}

const follows = (outcome: number | undefined, date: number, horizonMs: number) => outcome !== undefined && outcome > date && outcome <= date + horizonMs;

/** The base rate of an outcome: the share of evaluations in E followed by it within the horizon. */
export function baseRateOf(frame: ReplayFrame, kind: OutcomeKind): number | null {
	const outcomes = outcomeMsOf(frame, kind);
	const horizonMs = frame.horizonDays * DAY_MS;
	let evaluations = 0;
	let followed = 0;
	for (let a = 0; a < outcomes.length; a++) {
		for (let d = 0; d < frame.dates.length; d++) {
			if (!isEvaluated(frame, a, d)) continue;
			evaluations++;
			if (follows(outcomes[a], frame.dates[d], horizonMs)) followed++;
		}
	}
	return evaluations ? followed / evaluations : null;
}

/** Linear interpolation between closest ranks (numpy's default), p in [0, 1], of sorted values. */
export function quantile(sorted: readonly number[], p: number): number {
	const position = (sorted.length - 1) * p;
	const low = Math.floor(position);
	const high = Math.ceil(position);
	return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * The figures of one rule (or of the union of rules, "overall") from its fires: `fired[a]` holds the date indexes
 * at which it fired for account a (ascending), `alerts` the alerts it made.
 */
export function metricsOf(frame: ReplayFrame, kind: OutcomeKind, fired: ReadonlyArray<readonly number[] | undefined>, alerts: number, evaluations = evaluationCount(frame)): BacktestMetrics {
	const outcomes = outcomeMsOf(frame, kind);
	const horizonMs = frame.horizonDays * DAY_MS;
	let fires = 0;
	let right = 0;
	let flagged = 0;
	let warnable = 0;
	const leads: number[] = [];
	for (let a = 0; a < outcomes.length; a++) {
		const dates = fired[a] ?? [];
		if (dates.length) flagged++;
		for (const d of dates) {
			fires++;
			if (follows(outcomes[a], frame.dates[d], horizonMs)) right++;
		}
		const outcome = outcomes[a];
		if (outcome === undefined) continue;
		let canWarn = false;
		for (let d = 0; d < frame.dates.length; d++) if (isEvaluated(frame, a, d) && follows(outcome, frame.dates[d], horizonMs)) canWarn = true;
		if (!canWarn) continue;
		warnable++;
		const first = dates.find((d) => follows(outcome, frame.dates[d], horizonMs));
		if (first !== undefined) leads.push((outcome - frame.dates[first]) / DAY_MS);
	}
	leads.sort((x, y) => x - y);
	const precision = fires ? right / fires : null;
	const base = baseRateOf(frame, kind);
	const accountWeeks = (evaluations * frame.everyDays) / 7;
	return {
		fires,
		accountsFlagged: flagged,
		alerts,
		precision: precision === null ? null : round(precision, 4),
		recall: warnable ? round(leads.length / warnable, 4) : null,
		outcomesWarnable: warnable,
		outcomesWarned: leads.length,
		leadTimeDays: leads.length ? { median: round(quantile(leads, 0.5), 1), q1: round(quantile(leads, 0.25), 1), q3: round(quantile(leads, 0.75), 1) } : null,
		alertsPer100AccountsPerWeek: accountWeeks ? round((alerts * 100) / accountWeeks, 2) : 0,
		lift: precision !== null && base ? round(precision / base, 2) : null,
	};
}
