/** The portfolio report as an HTML page (inline SVG charts, nothing fetched at view time), markdown and Slack. */
import { escapeHtml, escapeMarkdown, escapeSlack, safeUrl, truncateEscaped } from '../render/escape';
import { formatNumber, ownValue, plural } from '../../model';
import { formatDate, formatMoney, formatMoneyShort, formatPercent, labelOf } from '../render/format';
import { SLACK_LIMITS, fitBlocks, mrkdwn, packLines, plain, slackLink, type SlackBlock, type SlackMessage } from '../render/slack';
import { barChart, renderSvg, stackedBar, type BarDatum } from '../render/svg';
import { REPORT_DEFAULTS, type PortfolioReport } from './compute';

export const BAND_COLORS: Record<string, string> = {
	green: '#2f9e44', yellow: '#f2b705', red: '#d64545',
	excellent: '#2b8a3e', good: '#69b34c', fair: '#f2b705', poor: '#f08c00', critical: '#d64545',
	monitor: '#9fb3c8', plant_seeds: '#4c9be8', initiate: '#1c5fb8',
};
const FAMILY_COLOR = '#486581';

/** A band's colour (own keys only: a band named "constructor" is just an unknown band). */
function bandColor(band: string): string {
	return ownValue(BAND_COLORS, band) ?? '#829ab1';
}
const DUE_COLOR = '#9fb3c8';
const FORECAST_COLOR = '#1c5fb8';

const TEXT_MAX = 300;

export interface ReportCharts {
	health: BarDatum[];
	renewals: BarDatum[];
	expansion: BarDatum[];
	triggers: BarDatum[] | null;
}

/** The chart data (also what the browser test counts: one segment per band with accounts, two bars per window, …). */
export function reportCharts(report: PortfolioReport): ReportCharts {
	const m = (v: number) => formatMoneyShort(v, report.currency);
	return {
		health: report.health.bands.map((b) => ({ label: labelOf(b.band), value: b.count, display: `${b.count} · ${m(b.arr)}`, color: bandColor(b.band) })),
		renewals: report.renewals.windows.flatMap((w) => [
			{ label: w.label, series: 'ARR due', value: w.arrDue, display: m(w.arrDue), color: DUE_COLOR },
			{ label: w.label, series: 'Forecast', value: w.forecastArr, display: m(w.forecastArr), color: FORECAST_COLOR },
		]),
		expansion: report.expansion.bands.map((b) => ({ label: `${labelOf(b.band)} (${b.count})`, value: b.arr, display: m(b.arr), color: bandColor(b.band) })),
		triggers: report.triggers ? report.triggers.byFamily.map((f) => ({ label: labelOf(f.family), value: f.count, display: String(f.count), color: FAMILY_COLOR })) : null,
	};
}

function kpis(report: PortfolioReport): Array<{ label: string; value: string; note: string }> {
	const money = (v: number) => formatMoney(v, report.currency);
	const out = [
		{ label: 'Accounts', value: String(report.accounts), note: `${money(report.totalArr)} ARR` },
		{ label: 'At-risk ARR', value: money(report.atRisk.arr), note: plural(report.atRisk.count, 'account') },
		{ label: 'Renewals due ≤120 days', value: money(report.renewals.arrDue), note: plural(report.renewals.windows.reduce((s, w) => s + w.count, 0), 'account') },
		{ label: 'Renewal forecast', value: money(report.renewals.forecastArr), note: report.renewals.forecastRatio === null ? 'nothing due' : `${formatPercent(report.renewals.forecastRatio)} of ARR due` },
	];
	if (report.retention) {
		out.push({ label: 'NRR', value: formatPercent(report.retention.nrr, 1), note: `${plural(report.retention.accounts, 'account')} with ARR movements` });
		out.push({ label: 'GRR', value: formatPercent(report.retention.grr, 1), note: `${money(report.retention.contractionArr + report.retention.churnedArr)} lost` });
	}
	return out;
}

function hours(h: number): string {
	return h < 48 ? `${formatNumber(h)} h` : `${formatNumber(h / 24)} days`;
}

export function renderReportHtml(report: PortfolioReport, title = REPORT_DEFAULTS.title): string {
	const charts = reportCharts(report);
	const money = (v: number) => formatMoney(v, report.currency);
	const card = (k: { label: string; value: string; note: string }) =>
		`<div class="kpi"><div class="kpi-label">${escapeHtml(k.label)}</div><div class="kpi-value">${escapeHtml(k.value)}</div><div class="kpi-note">${escapeHtml(k.note)}</div></div>`;
	const rows = report.atRisk.accounts
		.map((a) => {
			const href = safeUrl(a.crmUrl);
			const name = escapeHtml(a.name.length > 80 ? `${a.name.slice(0, 80)}…` : a.name);
			return `<tr><td>${href ? `<a href="${escapeHtml(href)}">${name}</a>` : name}</td><td class="num">${escapeHtml(money(a.arr))}</td><td><span class="dot" style="background:${bandColor(a.healthBand)}"></span>${escapeHtml(`${formatNumber(a.healthScore, 0)} ${a.healthBand}`)}</td><td class="num">${escapeHtml(formatNumber(a.riskScore))}</td><td class="num">${a.daysToRenewal === null ? '—' : escapeHtml(String(Math.round(a.daysToRenewal)))}</td><td>${a.topDriver ? truncateEscaped(escapeHtml(a.topDriver), TEXT_MAX) : '—'}</td></tr>`;
		})
		.join('\n');
	const retention = report.retention
		? `<p class="note">NRR = (start ${escapeHtml(money(report.retention.startingArr))} + expansion ${escapeHtml(money(report.retention.expansionArr))} − contraction ${escapeHtml(money(report.retention.contractionArr))} − churn ${escapeHtml(money(report.retention.churnedArr))}) / start = <strong>${escapeHtml(formatPercent(report.retention.nrr, 1))}</strong>; GRR = (start − contraction − churn) / start = <strong>${escapeHtml(formatPercent(report.retention.grr, 1))}</strong>.</p>`
		: '<p class="note">NRR and GRR need ARR movements (starting ARR, expansion, contraction, churn) from the CRM; none were given.</p>';
	const d2a = report.detectionToAction
		? `<p>Detection to action: median <strong>${escapeHtml(hours(report.detectionToAction.medianHours))}</strong>, 90th percentile ${escapeHtml(hours(report.detectionToAction.p90Hours))}, slowest ${escapeHtml(hours(report.detectionToAction.maxHours))} (${escapeHtml(plural(report.detectionToAction.count, 'actioned decision'))}).</p>`
		: '<p class="note">Detection-to-action time appears once decisions are marked as actioned.</p>';
	const triggers = charts.triggers
		? `<div class="panel">${renderSvg(barChart('triggers', `Triggers fired since ${formatDate(report.triggers!.since)} (${report.triggers!.total}${report.triggers!.suppressed ? `, ${report.triggers!.suppressed} suppressed` : ''})`, charts.triggers))}</div>`
		: '<div class="panel"><p class="note">No decisions given: triggers by family appear when Decision items are included.</p></div>';
	const other = report.otherCurrencyAccounts.length
		? `<p class="note">${escapeHtml(plural(report.otherCurrencyAccounts.length, 'account'))} in other currencies are counted but their ARR is not added (no currency conversion).</p>`
		: '';
	return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(title)} · ${escapeHtml(formatDate(report.asOf))}</title>
<style>
body{margin:0;background:#f0f4f8;color:#1f2933;font-family:Arial,Helvetica,sans-serif;font-size:14px}
.page{max-width:1120px;margin:0 auto;padding:24px}
h1{font-size:24px;margin:0;color:#102a43}h2{font-size:16px;margin:0 0 8px;color:#102a43}
.sub{color:#627d98;margin:4px 0 20px}
.kpis{display:grid;grid-template-columns:repeat(auto-fit,minmax(160px,1fr));gap:12px;margin-bottom:16px}
.kpi{background:#fff;border-radius:8px;padding:12px 14px;box-shadow:0 1px 2px rgba(16,42,67,.08)}
.kpi-label{font-size:12px;color:#627d98;text-transform:uppercase;letter-spacing:.04em}
.kpi-value{font-size:22px;font-weight:bold;color:#102a43;margin:4px 0}
.kpi-note{font-size:12px;color:#829ab1}
.grid{display:grid;grid-template-columns:1fr 1fr;gap:12px;margin-bottom:12px;align-items:start}
.panel{background:#fff;border-radius:8px;padding:14px;box-shadow:0 1px 2px rgba(16,42,67,.08);overflow:hidden}
.panel svg{max-width:100%;height:auto}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #e4e7eb;vertical-align:top}
th{font-size:12px;color:#627d98;text-transform:uppercase}td.num,th.num{text-align:right;white-space:nowrap}
.dot{display:inline-block;width:9px;height:9px;border-radius:50%;margin-right:6px}
.note{color:#627d98;font-size:13px}a{color:#1c5fb8}
</style></head>
<body><div class="page">
<h1>${escapeHtml(title)}</h1>
<p class="sub">Week ending ${escapeHtml(formatDate(report.asOf))} · ${escapeHtml(plural(report.accounts, 'account'))} · ${escapeHtml(money(report.totalArr))} ARR</p>
<div class="kpis">${kpis(report).map(card).join('')}</div>
<div class="grid">
<div class="panel">${renderSvg(stackedBar('health', 'Health distribution (accounts · ARR)', charts.health))}</div>
<div class="panel">${renderSvg(barChart('expansion', 'Expansion pipeline by readiness band (ARR)', charts.expansion))}</div>
</div>
<div class="grid">
<div class="panel">${renderSvg(barChart('renewals', 'Renewals due vs forecast (Σ ARR × probability by health)', charts.renewals))}</div>
${triggers}
</div>
<div class="panel"><h2>At-risk accounts (${escapeHtml(String(report.atRisk.count))} · ${escapeHtml(money(report.atRisk.arr))} ARR)</h2>
${report.atRisk.accounts.length ? `<table><thead><tr><th>Account</th><th class="num">ARR</th><th>Health</th><th class="num">Risk</th><th class="num">Days to renewal</th><th>Top driver</th></tr></thead><tbody>\n${rows}\n</tbody></table>` : '<p class="note">No account is at risk.</p>'}
</div>
<div class="panel" style="margin-top:12px"><h2>Retention and response</h2>${retention}${d2a}${other}</div>
</div></body></html>
`;
}

export function renderReportMarkdown(report: PortfolioReport, title = REPORT_DEFAULTS.title): string {
	// every value that came from the input (names, bands, dates, amounts in its currency) goes through `e`; only the
	// table pipes, headings and bold markers around them are ours
	const e = escapeMarkdown;
	const money = (v: number) => e(formatMoney(v, report.currency));
	const label = (id: string) => e(labelOf(id));
	const date = (iso: string) => e(formatDate(iso));
	const out = [`# ${e(title)}`, '', `_Week ending ${date(report.asOf)} · ${e(plural(report.accounts, 'account'))} · ${money(report.totalArr)} ARR_`, ''];
	out.push('| Metric | Value | Note |', '|---|---|---|', ...kpis(report).map((k) => `| ${e(k.label)} | ${e(k.value)} | ${e(k.note)} |`), '');
	out.push('## Health distribution', '', '| Band | Accounts | ARR |', '|---|---:|---:|', ...report.health.bands.map((b) => `| ${label(b.band)} | ${b.count} | ${money(b.arr)} |`), '');
	out.push(`## At-risk accounts (${report.atRisk.count} · ${money(report.atRisk.arr)} ARR)`, '');
	if (report.atRisk.accounts.length === 0) out.push('No account is at risk.', '');
	else
		out.push(
			'| Account | ARR | Health | Risk | Days to renewal | Top driver |',
			'|---|---:|---|---:|---:|---|',
			...report.atRisk.accounts.map((a) => {
				const href = safeUrl(a.crmUrl);
				const name = truncateEscaped(e(a.name), 120);
				return `| ${href ? `[${name}](<${href}>)` : name} | ${money(a.arr)} | ${e(`${formatNumber(a.healthScore, 0)} ${a.healthBand}`)} | ${e(formatNumber(a.riskScore))} | ${a.daysToRenewal === null ? '—' : e(String(Math.round(a.daysToRenewal)))} | ${a.topDriver ? truncateEscaped(e(a.topDriver), TEXT_MAX) : '—'} |`;
			}),
			'',
		);
	out.push('## Renewals due and forecast', '', '| Window | Accounts | ARR due | Forecast |', '|---|---:|---:|---:|', ...report.renewals.windows.map((w) => `| ${e(w.label)} | ${w.count} | ${money(w.arrDue)} | ${money(w.forecastArr)} |`));
	out.push(`| **Total ≤${report.renewals.windows[report.renewals.windows.length - 1]?.toDays ?? 0} days** | ${report.renewals.windows.reduce((s, w) => s + w.count, 0)} | ${money(report.renewals.arrDue)} | ${money(report.renewals.forecastArr)}${report.renewals.forecastRatio === null ? '' : ` (${e(formatPercent(report.renewals.forecastRatio))})`} |`, '');
	out.push('## Expansion pipeline by readiness band', '', '| Band | Accounts | ARR |', '|---|---:|---:|', ...report.expansion.bands.map((b) => `| ${label(b.band)} | ${b.count} | ${money(b.arr)} |`), '');
	out.push('## Retention', '');
	if (report.retention) {
		const r = report.retention;
		out.push(`NRR = (${money(r.startingArr)} + ${money(r.expansionArr)} − ${money(r.contractionArr)} − ${money(r.churnedArr)}) / ${money(r.startingArr)} = **${e(formatPercent(r.nrr, 1))}**`, '', `GRR = (${money(r.startingArr)} − ${money(r.contractionArr)} − ${money(r.churnedArr)}) / ${money(r.startingArr)} = **${e(formatPercent(r.grr, 1))}**`, '');
	} else out.push('No ARR movements given (NRR and GRR need starting ARR, expansion, contraction and churn).', '');
	if (report.triggers) {
		out.push(`## Triggers fired since ${date(report.triggers.since)}`, '', '| Family | Fired |', '|---|---:|', ...report.triggers.byFamily.map((f) => `| ${label(f.family)} | ${f.count} |`), `| **Total** | ${report.triggers.total} |`, '');
		if (report.triggers.suppressed) out.push(`${e(plural(report.triggers.suppressed, 'decision'))} suppressed (cooldown, snooze or budget).`, '');
	}
	if (report.detectionToAction) out.push('## Detection to action', '', e(`Median ${hours(report.detectionToAction.medianHours)}, 90th percentile ${hours(report.detectionToAction.p90Hours)}, slowest ${hours(report.detectionToAction.maxHours)} over ${plural(report.detectionToAction.count, 'actioned decision')}.`), '');
	return out.join('\n');
}

export function renderReportSlack(report: PortfolioReport, title = REPORT_DEFAULTS.title): SlackMessage {
	const money = (v: number) => formatMoney(v, report.currency);
	const blocks: SlackBlock[] = [
		{ type: 'header', text: plain(`📊 ${title} · ${formatDate(report.asOf)}`, SLACK_LIMITS.headerText) },
		{ type: 'section', fields: kpis(report).slice(0, SLACK_LIMITS.fields).map((k) => mrkdwn(`*${escapeSlack(k.label)}*\n${escapeSlack(k.value)} (${escapeSlack(k.note)})`, SLACK_LIMITS.fieldText)) },
		{ type: 'section', text: mrkdwn(`*Health*: ${report.health.bands.map((b) => `${escapeSlack(labelOf(b.band))} ${b.count}`).join(' · ')}`) },
	];
	if (report.atRisk.accounts.length > 0) {
		blocks.push({ type: 'divider' });
		blocks.push(
			...packLines(
				`At-risk accounts (${report.atRisk.count} · ${money(report.atRisk.arr)} ARR)`,
				report.atRisk.accounts.map((a) => `• ${slackLink(a.crmUrl, truncateEscaped(a.name, 120))}: ${escapeSlack(money(a.arr))}, health ${formatNumber(a.healthScore, 0)}, risk ${formatNumber(a.riskScore)}${a.daysToRenewal === null ? '' : `, renews in ${Math.round(a.daysToRenewal)} days`}`),
			),
		);
	}
	if (report.triggers) blocks.push({ type: 'context', elements: [mrkdwn(`Triggers this week: ${report.triggers.byFamily.filter((f) => f.count > 0).map((f) => `${escapeSlack(labelOf(f.family))} ${f.count}`).join(' · ') || 'none'}`)] });
	const text = `${title} ${formatDate(report.asOf)}: ${plural(report.accounts, 'account')}, ${money(report.atRisk.arr)} ARR at risk, ${money(report.renewals.arrDue)} due in 120 days (forecast ${money(report.renewals.forecastArr)}).`;
	return { text: truncateEscaped(escapeSlack(text), SLACK_LIMITS.fallbackText), blocks: fitBlocks(blocks, null) };
}
