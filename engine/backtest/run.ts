/**
 * The backtest: replay the detection → intelligence → decision sweep at each evaluation date over a history,
 * and score each rule's fires against what later happened (engine/backtest/metrics.ts defines every figure).
 *
 * At each date d (every `every` days from `from` to `to`, each the start of its day in `timezone`), with only
 * data strictly before d (engine/backtest/history.ts cuts tickets, signals and the accounts' own history; the
 * usage sweep's as-of cuts usage rows on and after d's day):
 *   usage rows → CS Usage Signals' detectors (sweepUsageRows), tickets → the support detectors, plus the canonical
 *   signals of the history → computeIntelligence (health history carried from the earlier dates) →
 *   runDecisionSweep on one ledger for the whole replay (so "alerts" are what the ledger would have posted:
 *   new and escalated actions, every cooldown honoured, no daily budget).
 * Accounts are replayed while they are customers (until their `churnedAt`).
 */
import { DateTime } from 'luxon';
import { computeIntelligence } from '../aggregate';
import { isAlert, prepareRules, runDecisionSweep, shippedPackInputs, type CompiledRule, type PackInput, type ThresholdOverrides } from '../decide';
import { mapTicket, resolveFieldMap, detectSupportSignals, type SupportFieldMap, type TicketEntry } from '../detect/support';
import { mapUsageRow, resolveUsageFieldMap, UNMAPPED_USAGE_ACCOUNT_POLICIES, type MappedUsageRow, type UsageFieldMap } from '../detect/usage';
import { RecordStoreLedger } from '../ledger';
import { AccountSchema, ItemValidationError, parseItem, resolveAsOf, SignalSchema, toIso, unusableItem, type Account, type Signal, type UnusableItem } from '../model';
import { sweepUsageRows } from '../sweeps';
import { accountAsOf, millisOf, signalsAsOf, ticketsAsOf } from './history';
import { BACKTEST_DEFAULTS, OutcomeSchema, parseDays, withoutEmptyCells, type Outcome } from './inputs';
import { baseRateOf, evaluationCount, metricsOf, type BacktestMetrics, type OutcomeKind, type ReplayFrame } from './metrics';


/** The history's inputs, as items (node inputs) or rows read from files (the CLI). */
export interface BacktestInputs {
	accounts: readonly unknown[];
	/** Usage rows: per event (accountId, occurredAt, …) or per account and day (accountId, day, activeUsers / events). */
	usage?: readonly unknown[];
	/** Zendesk-shaped ticket items (or mapped with `ticketFieldMap`). */
	tickets?: readonly unknown[];
	/** Canonical Signal items of any source. */
	signals?: readonly unknown[];
	outcomes: readonly unknown[];
}

export interface BacktestOptions {
	/** First evaluation date; default BACKTEST_DEFAULTS.warmUpDays after the first day of history. Offset-less = `timezone`. */
	from?: string | null;
	/** Last evaluation date at most; default the day after the last day of history. */
	to?: string | null;
	/** Days between evaluation dates ("7d", "P1W"); default BACKTEST_DEFAULTS.every. */
	every?: string | number;
	/** How soon an outcome must follow a fire ("28d"); default BACKTEST_DEFAULTS.horizon. */
	horizon?: string | number;
	/** The zone evaluation dates start their day in and usage days are counted in; default UTC. */
	timezone?: string;
	/** Rule packs; default the shipped packs. */
	packs?: readonly PackInput[];
	/** Named pack thresholds, as CS Decision Triggers and `cs-signal-os decide --thresholds` take them. */
	thresholds?: ThresholdOverrides;
	/** Usage detection threshold overrides (CS Usage Signals' thresholds, e.g. {"wauDropPct": 25}). */
	usageThresholds?: Partial<Record<string, unknown>>;
	usageFieldMap?: Partial<Record<string, unknown>>;
	ticketFieldMap?: Partial<Record<string, unknown>>;
	/** Called after each evaluation date. */
	onProgress?: (progress: BacktestProgress) => void;
}

export interface BacktestProgress {
	datesDone: number;
	datesTotal: number;
	/** Accounts evaluated so far (summed over dates). */
	accountsEvaluated: number;
	elapsedMs: number;
}

export interface RuleBacktest extends BacktestMetrics {
	ruleId: string;
	name: string;
	pack: string;
	family: string;
	/** What its fires are scored against: churn, or expansion for the expansion family. */
	outcome: OutcomeKind;
}

export interface BacktestReport {
	window: { from: string; to: string; dates: string[]; everyDays: number; horizonDays: number; timezone: string };
	accounts: number;
	/** Accounts with a churnedAt / expandedAt / renewedAt. */
	outcomes: { churned: number; expanded: number; renewed: number };
	/** |E|: (account, date) evaluations. */
	evaluations: number;
	/** Share of evaluations followed by churn / expansion within the horizon (metrics.ts). */
	baseRate: Record<OutcomeKind, number | null>;
	packs: string[];
	/** One entry per rule of the packs, in pack order (rules that never fired included). */
	rules: RuleBacktest[];
	/** Every rule scored against churn (all but the expansion family) as one warning: fired when any of them fired. */
	overall: BacktestMetrics & { outcome: 'churned'; rules: number };
	/** Each churned account that could have been warned: when it was first warned within the horizon, and by which rules then. */
	churners: ChurnerWarning[];
}

export interface ChurnerWarning {
	accountId: string;
	accountName: string;
	churnedAt: string;
	/** The first evaluation date within the horizon before churn at which a churn-scored rule fired; null: none did. */
	firstWarnedAt: string | null;
	leadTimeDays: number | null;
	/** The rules that fired then. */
	rules: string[];
}

/** Every problem of the inputs, each naming its input, row and field; nothing was replayed. */
export class BacktestInputError extends Error {
	constructor(readonly problems: ReadonlyArray<UnusableItem & { input: string }>) {
		super(`${problems.length === 1 ? '1 input row is' : `${problems.length} input rows are`} not usable; nothing was replayed:\n${problems.map((p) => `${p.input}: ${p.message}`).join('\n')}`);
		this.name = 'BacktestInputError';
	}
}

interface Validated {
	accounts: Account[];
	rawAccounts: unknown[];
	usage: MappedUsageRow['row'][];
	usageDays: number[];
	tickets: TicketEntry[];
	signals: Signal[];
	outcomes: Map<string, Outcome>;
}

function usageRowMs(row: MappedUsageRow, zone: string): number {
	if (row.kind === 'day') return DateTime.fromISO(row.row.day, { zone }).toMillis();
	const at = row.row.occurredAt;
	if (at instanceof Date) return at.getTime();
	if (typeof at === 'number') return at < 1e12 ? at * 1000 : at;
	return DateTime.fromISO(at, { zone, setZone: true }).toMillis();
}

function validate(inputs: BacktestInputs, options: BacktestOptions, zone: string): Validated {
	const problems: Array<UnusableItem & { input: string }> = [];
	const report = (input: string, index: number, error: unknown) => {
		if (!(error instanceof ItemValidationError)) throw error;
		problems.push({ ...unusableItem(error, index), input });
	};
	const accounts: Account[] = [];
	const rawAccounts: unknown[] = [];
	const ids = new Set<string>();
	inputs.accounts.forEach((raw, index) => {
		try {
			const account = parseItem(AccountSchema, 'account', index, raw);
			if (ids.has(account.accountId)) throw new ItemValidationError('account', index, [`accountId "${account.accountId}" is given twice: give each account once`]);
			ids.add(account.accountId);
			accounts.push(account);
			rawAccounts.push(raw);
		} catch (error) {
			report('accounts', index, error);
		}
	});
	const unknownAccount = (kind: string, index: number, id: string) =>
		new ItemValidationError(kind, index, [`accountId "${id}" matches no account: add the account to the accounts or leave the row out`]);
	const usageFieldMap: UsageFieldMap = resolveUsageFieldMap(options.usageFieldMap);
	const usage: MappedUsageRow['row'][] = [];
	const usageDays: number[] = [];
	(inputs.usage ?? []).forEach((raw, index) => {
		try {
			const mapped = mapUsageRow(raw, index, usageFieldMap, 'auto', zone);
			if (!ids.has(mapped.row.accountId)) throw unknownAccount('usage row', index, mapped.row.accountId);
			usage.push(mapped.row);
			usageDays.push(usageRowMs(mapped, zone));
		} catch (error) {
			report('usage', index, error);
		}
	});
	const ticketFieldMap: SupportFieldMap = resolveFieldMap(options.ticketFieldMap);
	const tickets: TicketEntry[] = [];
	(inputs.tickets ?? []).forEach((raw, index) => {
		try {
			const ticket = mapTicket(raw, index, ticketFieldMap);
			if (!ids.has(ticket.accountId)) throw unknownAccount('ticket', index, ticket.accountId);
			tickets.push({ ticket, itemIndex: index });
		} catch (error) {
			report('tickets', index, error);
		}
	});
	const signals: Signal[] = [];
	(inputs.signals ?? []).forEach((raw, index) => {
		try {
			const signal = parseItem(SignalSchema, 'signal', index, raw);
			if (!ids.has(signal.accountId)) throw unknownAccount('signal', index, signal.accountId);
			signals.push(signal);
		} catch (error) {
			report('signals', index, error);
		}
	});
	const outcomes = new Map<string, Outcome>();
	inputs.outcomes.forEach((raw, index) => {
		try {
			const outcome = parseItem(OutcomeSchema, 'outcome', index, withoutEmptyCells(raw));
			if (!ids.has(outcome.accountId)) throw unknownAccount('outcome', index, outcome.accountId);
			if (outcomes.has(outcome.accountId)) throw new ItemValidationError('outcome', index, [`accountId "${outcome.accountId}" has a second outcome row: give one row per account`]);
			outcomes.set(outcome.accountId, outcome);
		} catch (error) {
			report('outcomes', index, error);
		}
	});
	if (accounts.length === 0 && problems.length === 0) problems.push({ input: 'accounts', itemIndex: 0, message: 'no accounts: give the Account items the history belongs to' });
	if (problems.length) throw new BacktestInputError(problems);
	return { accounts, rawAccounts, usage, usageDays, tickets, signals, outcomes };
}

/** The evaluation dates: start of day in `zone`, every `everyDays` from `from`, up to `to` inclusive. */
function evaluationDates(history: Validated, options: BacktestOptions, zone: string, everyDays: number): DateTime[] {
	const times: number[] = [...history.usageDays];
	for (const { ticket } of history.tickets) times.push(millisOf(ticket.createdAt));
	for (const signal of history.signals) times.push(millisOf(signal.observedAt));
	let first = Infinity;
	let last = -Infinity;
	for (const t of times) {
		if (t < first) first = t;
		if (t > last) last = t;
	}
	const day = (value: string, what: string) => resolveAsOf(value, zone, what).setZone(zone).startOf('day');
	const from = options.from ? day(options.from, 'backtest "from"') : Number.isFinite(first) ? DateTime.fromMillis(first, { zone }).startOf('day').plus({ days: BACKTEST_DEFAULTS.warmUpDays }) : null;
	const to = options.to ? day(options.to, 'backtest "to"') : Number.isFinite(last) ? DateTime.fromMillis(last, { zone }).startOf('day').plus({ days: 1 }) : null;
	if (!from || !to) throw new Error('The history is empty: give usage rows, tickets or signals (or --from and --to)');
	if (to < from) throw new Error(`The backtest ends (${to.toISODate()}) before it starts (${from.toISODate()}): give a "from" before "to"${options.from ? '' : ` (without "from" it starts ${BACKTEST_DEFAULTS.warmUpDays} days after the first day of history)`}`);
	const dates: DateTime[] = [];
	for (let at = from; at <= to; at = at.plus({ days: everyDays })) dates.push(at);
	return dates;
}

/** Replay the sweep over the history and score every rule. Throws BacktestInputError (every bad row) or an Error naming the option. */
export async function runBacktest(inputs: BacktestInputs, options: BacktestOptions = {}): Promise<BacktestReport> {
	const zone = options.timezone?.trim() || 'UTC';
	resolveAsOf(null, zone);
	const everyDays = parseDays(options.every ?? BACKTEST_DEFAULTS.every, 'every');
	const horizonDays = parseDays(options.horizon ?? BACKTEST_DEFAULTS.horizon, 'horizon');
	const packs = options.packs ? [...options.packs] : shippedPackInputs();
	const rules: CompiledRule[] = prepareRules(packs, options.thresholds ?? {});
	const history = validate(inputs, options, zone);
	const dates = evaluationDates(history, options, zone, everyDays);

	const accountIndex = new Map(history.accounts.map((account, index) => [account.accountId, index]));
	const outcomeMs = (field: 'churnedAt' | 'expandedAt') => history.accounts.map((account) => {
		const value = history.outcomes.get(account.accountId)?.[field];
		return value === undefined ? undefined : millisOf(value);
	});
	const frame: ReplayFrame = { dates: dates.map((d) => d.toMillis()), everyDays, horizonDays, churnedMs: outcomeMs('churnedAt'), expandedMs: outcomeMs('expandedAt') };

	// per rule, per account: the date indexes it fired at; the union over churn-scored rules for "overall"
	const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
	const fired: Array<Array<number[] | undefined>> = rules.map(() => []);
	const alerts = rules.map(() => 0);
	const overallFired: Array<number[] | undefined> = [];
	let overallAlerts = 0;
	/** "account:date" → the churn-scored rules that fired then, for churned accounts only. */
	const churnerRules = new Map<string, string[]>();
	const outcomeOf = (rule: CompiledRule): OutcomeKind => (rule.family === 'expansion' ? 'expanded' : 'churned');

	// usage rows in time order, read forward one evaluation date at a time
	const usageOrder = history.usage.map((_, index) => index).sort((x, y) => history.usageDays[x] - history.usageDays[y]);
	let usageCursor = 0;
	let usageState: unknown = undefined;
	const ledger = new RecordStoreLedger();
	const started = Date.now();
	let accountsEvaluated = 0;
	for (let d = 0; d < dates.length; d++) {
		const at = dates[d];
		const cutMs = at.toMillis();
		const asOf = toIso(at);
		const active: number[] = [];
		for (let a = 0; a < history.accounts.length; a++) if (frame.churnedMs[a] === undefined || frame.churnedMs[a]! > cutMs) active.push(a);
		const activeIds = new Set(active.map((a) => history.accounts[a].accountId));
		const accounts = active.map((a) => accountAsOf(history.accounts[a], cutMs));

		const signals: Signal[] = signalsAsOf(history.signals, cutMs).filter((s) => activeIds.has(s.accountId));
		if (history.usage.length) {
			// the rows of the days since the last date, on the counts carried from it (the usage sweep's own replay
			// mode: the same signals as recounting every row, each row counted once); the as-of cuts the rest
			const since = usageCursor;
			while (usageCursor < usageOrder.length && history.usageDays[usageOrder[usageCursor]] < cutMs) usageCursor++;
			const rows = usageOrder.slice(since, usageCursor).map((index) => history.usage[index]);
			const usage = await sweepUsageRows(rows, {
				accounts: history.rawAccounts,
				asOf,
				timezone: zone,
				thresholds: options.usageThresholds,
				unmappedAccounts: UNMAPPED_USAGE_ACCOUNT_POLICIES[1],
				carryState: true,
				previous: usageState,
			});
			usageState = usage.state;
			for (const signal of usage.signals) if (activeIds.has(signal.accountId)) signals.push(signal);
		}
		if (history.tickets.length) {
			const tickets = ticketsAsOf(history.tickets, cutMs).filter((entry) => activeIds.has(entry.ticket.accountId));
			for (const detection of detectSupportSignals(tickets, { asOf: at, timezone: zone })) signals.push(detection.signal);
		}
		const intelligence = computeIntelligence(accounts, signals, {
			asOf: at,
			timezone: zone,
			unmatchedSignals: 'ignore',
			healthHistory: (accountId) => ledger.getHealthHistory(accountId),
		});
		for (const intel of intelligence) ledger.appendHealthScore(intel.accountId, intel.asOf, intel.health.score);
		const sweep = await runDecisionSweep(rules, intelligence.map((intel, itemIndex) => ({ intel, itemIndex })), ledger, { asOf, timezone: zone, dailyAlertBudget: 0, includeOpen: true });

		const firedNow = new Set<number>();
		for (const { action } of sweep.all) {
			const a = accountIndex.get(action.accountId)!;
			const alert = isAlert(action);
			let churnScored = false;
			for (const reason of action.reasons) {
				const r = ruleIndex.get(reason.rule.id)!;
				const list = (fired[r][a] ??= []);
				if (list[list.length - 1] !== d) list.push(d);
				if (alert) alerts[r] += 1;
				if (outcomeOf(rules[r]) === 'churned') churnScored = true;
			}
			if (churnScored) {
				if (frame.churnedMs[a] !== undefined) {
					const key = `${a}:${d}`;
					const list = churnerRules.get(key) ?? [];
					for (const reason of action.reasons) if (outcomeOf(rules[ruleIndex.get(reason.rule.id)!]) === 'churned') list.push(reason.rule.id);
					churnerRules.set(key, list);
				}
				if (!firedNow.has(a)) {
					firedNow.add(a);
					(overallFired[a] ??= []).push(d);
				}
				if (alert) overallAlerts += 1;
			}
		}
		accountsEvaluated += active.length;
		options.onProgress?.({ datesDone: d + 1, datesTotal: dates.length, accountsEvaluated, elapsedMs: Date.now() - started });
	}

	const evaluations = evaluationCount(frame);
	const churnRules = rules.filter((rule) => outcomeOf(rule) === 'churned').length;
	const count = (field: keyof Outcome) => [...history.outcomes.values()].filter((o) => o[field] !== undefined).length;
	const horizonMs = horizonDays * 86_400_000;
	const churners: ChurnerWarning[] = [];
	history.accounts.forEach((account, a) => {
		const churned = frame.churnedMs[a];
		if (churned === undefined) return;
		if (!frame.dates.some((at) => at < churned && churned <= at + horizonMs)) return;
		const first = (overallFired[a] ?? []).find((d) => frame.dates[d] < churned && churned <= frame.dates[d] + horizonMs);
		churners.push({
			accountId: account.accountId,
			accountName: account.name,
			churnedAt: history.outcomes.get(account.accountId)!.churnedAt!,
			firstWarnedAt: first === undefined ? null : toIso(dates[first]),
			leadTimeDays: first === undefined ? null : Math.round(((churned - frame.dates[first]) / 86_400_000) * 10) / 10,
			rules: first === undefined ? [] : [...new Set(churnerRules.get(`${a}:${first}`) ?? [])].sort(),
		});
	});
	return {
		window: { from: toIso(dates[0]), to: toIso(dates[dates.length - 1]), dates: dates.map((d) => d.toISODate()!), everyDays, horizonDays, timezone: zone },
		accounts: history.accounts.length,
		outcomes: { churned: count('churnedAt'), expanded: count('expandedAt'), renewed: count('renewedAt') },
		evaluations,
		baseRate: { churned: roundRate(baseRateOf(frame, 'churned')), expanded: roundRate(baseRateOf(frame, 'expanded')) },
		packs: [...new Set(rules.map((rule) => rule.pack))],
		rules: rules.map((rule, r) => ({ ruleId: rule.id, name: rule.name, pack: rule.pack, family: rule.family, outcome: outcomeOf(rule), ...metricsOf(frame, outcomeOf(rule), fired[r], alerts[r], evaluations) })),
		overall: { outcome: 'churned', rules: churnRules, ...metricsOf(frame, 'churned', overallFired, overallAlerts, evaluations) },
		churners,
	};
}

function roundRate(rate: number | null): number | null {
	return rate === null ? null : Math.round(rate * 10_000) / 10_000;
}
