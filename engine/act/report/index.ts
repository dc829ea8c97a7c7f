export * from './build';
export { computePortfolioReport, REPORT_DEFAULTS, type ActionedRecord, type PortfolioReport, type ReportConfig, type ReportInput } from './compute';
export { reportFromItems, type ReportFromItemsResult } from './items';
export { reportCharts, renderReportHtml, renderReportMarkdown, renderReportSlack, BAND_COLORS } from './render';
