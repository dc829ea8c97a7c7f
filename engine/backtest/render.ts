/**
 * A backtest report for people: a text table (the CLI's default), two reports side by side with their deltas
 * (`--compare`), and a self-contained HTML page with SVG charts. The charts use the report's own small SVG
 * builder (engine/act/render/svg.ts: every attribute and text escaped); every piece of text on the page — rule
 * names, account names, pack names — goes through escapeHtml.
 */
import { barChart, el, escapeHtml, renderSvg, HTML_STYLE, type BarDatum } from '../act/render';
import { formatNumber } from '../model';
import type { BacktestMetrics } from './metrics';
import type { BacktestReport, RuleBacktest } from './run';

const pct = (value: number | null) => (value === null ? '—' : `${formatNumber(Math.round(value * 1000) / 10)}%`);
const times = (value: number | null) => (value === null ? '—' : `${formatNumber(value)}×`);
const lead = (value: BacktestMetrics['leadTimeDays']) => (value === null ? '—' : `${formatNumber(value.median)} d (${formatNumber(value.q1)}–${formatNumber(value.q3)})`);
const outcomeWord = (outcome: string) => (outcome === 'expanded' ? 'expansion' : 'churn');

/** The columns of one rule's line, in table order. */
function cells(m: BacktestMetrics): string[] {
	return [String(m.fires), String(m.accountsFlagged), formatNumber(m.alertsPer100AccountsPerWeek, 2), pct(m.precision), pct(m.recall), lead(m.leadTimeDays), times(m.lift)];
}

const HEAD = ['Fires', 'Accounts', 'Alerts/100/wk', 'Precision', 'Recall', 'Lead time (median, IQR)', 'Lift'];

function table(rows: string[][], alignLeft: number): string {
	const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
	return rows.map((row) => row.map((cell, c) => (c < alignLeft ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ').trimEnd()).join('\n');
}

/** The heading lines: window, accounts, outcomes, base rates. */
export function backtestHeading(report: BacktestReport): string[] {
	const { window } = report;
	return [
		`BACKTEST — ${report.packs.join(', ')}`,
		`${window.dates.length} evaluation dates every ${window.everyDays} days, ${window.dates[0]} … ${window.dates[window.dates.length - 1]} (${window.timezone}); horizon ${window.horizonDays} days`,
		`${report.accounts} accounts: ${report.outcomes.churned} churned, ${report.outcomes.expanded} expanded, ${report.outcomes.renewed} renewed; ${report.evaluations} account evaluations`,
		`Base rate: ${pct(report.baseRate.churned)} of evaluations are followed by churn within ${window.horizonDays} days, ${pct(report.baseRate.expanded)} by expansion`,
	];
}

/** The text table: one line per rule that fired, the overall line, then the rules that never fired. */
export function renderBacktestTable(report: BacktestReport): string {
	const fired = report.rules.filter((rule) => rule.fires > 0);
	const silent = report.rules.filter((rule) => rule.fires === 0);
	const rows = [['Rule', 'Outcome', ...HEAD], ...fired.map((rule) => [rule.ruleId, outcomeWord(rule.outcome), ...cells(rule)])];
	rows.push([`Overall (${report.overall.rules} churn rules)`, 'churn', ...cells(report.overall)]);
	const lines = [...backtestHeading(report), '', table(rows, 2)];
	if (silent.length) lines.push('', `Never fired (${silent.length}): ${silent.map((rule) => rule.ruleId).join(', ')}`);
	return lines.join('\n');
}

export interface BacktestComparison {
	a: BacktestReport;
	b: BacktestReport;
	/** Per rule id present in either: both figures (null when the pack lacks the rule) and b − a. */
	rules: Array<{ ruleId: string; a: RuleBacktest | null; b: RuleBacktest | null; delta: MetricDeltas }>;
	overall: { a: BacktestMetrics; b: BacktestMetrics; delta: MetricDeltas };
}

export interface MetricDeltas {
	fires: number | null;
	alertsPer100AccountsPerWeek: number | null;
	precision: number | null;
	recall: number | null;
	leadTimeMedianDays: number | null;
	lift: number | null;
}

const minus = (b: number | null | undefined, a: number | null | undefined, digits = 4) =>
	a === null || a === undefined || b === null || b === undefined ? null : Math.round((b - a) * 10 ** digits) / 10 ** digits;

function deltas(a: BacktestMetrics | null, b: BacktestMetrics | null): MetricDeltas {
	return {
		fires: minus(b?.fires, a?.fires, 0),
		alertsPer100AccountsPerWeek: minus(b?.alertsPer100AccountsPerWeek, a?.alertsPer100AccountsPerWeek, 2),
		precision: minus(b?.precision, a?.precision),
		recall: minus(b?.recall, a?.recall),
		leadTimeMedianDays: minus(b?.leadTimeDays?.median, a?.leadTimeDays?.median, 1),
		lift: minus(b?.lift, a?.lift, 2),
	};
}

/** Two reports of the same history, rule by rule (matched by rule id) and overall, with b − a. */
export function compareBacktests(a: BacktestReport, b: BacktestReport): BacktestComparison {
	const ids = [...new Set([...a.rules, ...b.rules].map((rule) => rule.ruleId))];
	return {
		a,
		b,
		rules: ids.map((ruleId) => {
			const ra = a.rules.find((rule) => rule.ruleId === ruleId) ?? null;
			const rb = b.rules.find((rule) => rule.ruleId === ruleId) ?? null;
			return { ruleId, a: ra, b: rb, delta: deltas(ra, rb) };
		}),
		overall: { a: a.overall, b: b.overall, delta: deltas(a.overall, b.overall) },
	};
}

const signed = (value: number | null, show: (v: number) => string) => (value === null ? '—' : value === 0 ? '0' : `${value > 0 ? '+' : '−'}${show(Math.abs(value))}`);
const points = (v: number) => `${formatNumber(Math.round(v * 1000) / 10)} pt`;

/** Both packs side by side: fires, alerts, precision, recall, median lead time, each A │ B │ Δ. */
export function renderComparisonTable(comparison: BacktestComparison, names: { a: string; b: string }): string {
	const show = (m: BacktestMetrics | null) => (m ? [String(m.fires), formatNumber(m.alertsPer100AccountsPerWeek, 2), pct(m.precision), pct(m.recall), m.leadTimeDays ? `${formatNumber(m.leadTimeDays.median)} d` : '—'] : ['—', '—', '—', '—', '—']);
	const line = (label: string, a: BacktestMetrics | null, b: BacktestMetrics | null, d: MetricDeltas) => {
		const [fa, la, pa, ra, ma] = show(a);
		const [fb, lb, pb, rb, mb] = show(b);
		return [label, fa, fb, signed(d.fires, String), la, lb, signed(d.alertsPer100AccountsPerWeek, (v) => formatNumber(v, 2)), pa, pb, signed(d.precision, points), ra, rb, signed(d.recall, points), ma, mb, signed(d.leadTimeMedianDays, (v) => `${formatNumber(v)} d`)];
	};
	const rows = [
		['Rule', 'Fires A', 'B', 'Δ', 'Alerts/100/wk A', 'B', 'Δ', 'Precision A', 'B', 'Δ', 'Recall A', 'B', 'Δ', 'Lead A', 'B', 'Δ'],
		...comparison.rules.filter(({ a, b }) => (a?.fires ?? 0) + (b?.fires ?? 0) > 0).map(({ ruleId, a, b, delta }) => line(ruleId, a, b, delta)),
		line('Overall', comparison.overall.a, comparison.overall.b, comparison.overall.delta),
	];
	return [`COMPARE — A: ${names.a}   B: ${names.b}   (Δ = B − A)`, ...backtestHeading(comparison.a).slice(1), '', table(rows, 1)].join('\n');
}

// ── HTML ───────────────────────────────────────────────────────────────────────────────────────────────

const CELL = 'padding:4px 8px;border-bottom:1px solid #d9e2ec;text-align:right;';
const CELL_LEFT = 'padding:4px 8px;border-bottom:1px solid #d9e2ec;text-align:left;';

function htmlTable(head: string[], rows: string[][], left = 1): string {
	const th = head.map((h, i) => `<th style="${i < left ? CELL_LEFT : CELL}">${escapeHtml(h)}</th>`).join('');
	const body = rows.map((row) => `<tr>${row.map((cell, i) => `<td style="${i < left ? CELL_LEFT : CELL}">${escapeHtml(cell)}</td>`).join('')}</tr>`).join('');
	return `<table style="border-collapse:collapse;font-size:13px;margin:0 0 16px 0;"><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table>`;
}

/** A horizontal bar per rule and series: precision and recall, 0–100%. */
function rulesChart(id: string, title: string, rules: readonly RuleBacktest[], series: Array<{ name: string; color: string; value: (r: RuleBacktest) => number | null }>): string {
	const rowH = 16 * series.length + 8;
	const labelW = 230;
	const plotW = 360;
	const height = 36 + rules.length * rowH;
	const children = [el('text', { x: 0, y: 16, 'font-size': 13, 'font-weight': 'bold', fill: '#102a43' }, [title])];
	series.forEach((s, i) => {
		children.push(el('rect', { x: labelW + i * 110, y: 6, width: 10, height: 10, fill: s.color }));
		children.push(el('text', { x: labelW + 14 + i * 110, y: 15, 'font-size': 11, fill: '#486581' }, [s.name]));
	});
	rules.forEach((rule, r) => {
		const y = 30 + r * rowH;
		children.push(el('text', { x: labelW - 6, y: y + 8 * series.length + 4, 'text-anchor': 'end', 'font-size': 11, fill: '#334e68' }, [rule.ruleId]));
		series.forEach((s, i) => {
			const value = s.value(rule);
			const w = value === null ? 0 : Math.max(1, value * plotW);
			children.push(el('rect', { x: labelW, y: y + i * 16, width: w, height: 13, fill: s.color, 'data-bar': `${rule.ruleId} · ${s.name}` }, [el('title', {}, [`${rule.ruleId} · ${s.name}: ${pct(value)}`])]));
			children.push(el('text', { x: labelW + w + 4, y: y + i * 16 + 11, 'font-size': 10, fill: '#486581' }, [pct(value)]));
		});
	});
	return renderSvg(el('svg', { xmlns: 'http://www.w3.org/2000/svg', viewBox: `0 0 ${labelW + plotW + 60} ${height}`, width: labelW + plotW + 60, height, role: 'img', 'aria-label': title, 'data-chart': id, 'font-family': 'Arial, Helvetica, sans-serif' }, children));
}

/** A self-contained page: heading, precision/recall chart, lead-time chart, the table, the churned accounts. */
export function renderBacktestHtml(report: BacktestReport, title = 'Backtest'): string {
	const fired = report.rules.filter((rule) => rule.fires > 0);
	const precisionRecall = rulesChart('precision-recall', 'Precision and recall per rule', fired, [
		{ name: 'Precision', color: '#2f6fde', value: (r) => r.precision },
		{ name: 'Recall', color: '#f0b429', value: (r) => r.recall },
	]);
	const withLead = fired.filter((rule) => rule.leadTimeDays);
	const leadBars: BarDatum[] = withLead.map((rule) => ({ label: rule.ruleId.split('.').pop()!, value: rule.leadTimeDays!.median, display: `${formatNumber(rule.leadTimeDays!.median)} d`, color: '#3ebd93' }));
	const leadChart = leadBars.length ? renderSvg(barChart('lead-time', 'Median lead time (days before churn)', leadBars, Math.max(520, 70 * leadBars.length), 240)) : '';
	const rows = fired.map((rule) => [rule.ruleId, rule.name, outcomeWord(rule.outcome), ...cells(rule)]);
	rows.push([`Overall (${report.overall.rules} churn rules)`, '', 'churn', ...cells(report.overall)]);
	const churners = report.churners.map((c) => [c.accountName, c.churnedAt.slice(0, 10), c.firstWarnedAt ? c.firstWarnedAt.slice(0, 10) : 'not warned', c.leadTimeDays === null ? '—' : `${formatNumber(c.leadTimeDays)} d`, c.rules.join(', ')]);
	const heading = backtestHeading(report);
	return [
		'<!doctype html>',
		`<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>`,
		`<body style="${HTML_STYLE.body}max-width:1100px;">`,
		`<h1 style="${HTML_STYLE.title}">${escapeHtml(title)}</h1>`,
		...heading.map((line) => `<p style="${HTML_STYLE.subtitle}">${escapeHtml(line)}</p>`),
		`<h2 style="${HTML_STYLE.heading}">Per rule</h2>`,
		precisionRecall,
		leadChart,
		htmlTable(['Rule', 'Name', 'Outcome', ...HEAD], rows, 3),
		`<h2 style="${HTML_STYLE.heading}">Churned accounts</h2>`,
		htmlTable(['Account', 'Churned', 'First warned', 'Lead time', 'Rules then'], churners, 1),
		'</body></html>',
	].join('\n');
}
