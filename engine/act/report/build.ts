/** CS Portfolio Report engine: compute the numbers once, render them as HTML (inline SVG), markdown and Slack. */
import { computePortfolioReport, type PortfolioReport, type ReportInput } from './compute';
import { renderReportHtml, renderReportMarkdown, renderReportSlack } from './render';
import type { SlackMessage } from '../render/slack';

export interface PortfolioReportOutput {
	report: PortfolioReport;
	html: string;
	markdown: string;
	slack: SlackMessage;
}

export function buildPortfolioReport(input: ReportInput & { title?: string }): PortfolioReportOutput {
	const report = computePortfolioReport(input);
	return { report, html: renderReportHtml(report, input.title), markdown: renderReportMarkdown(report, input.title), slack: renderReportSlack(report, input.title) };
}
