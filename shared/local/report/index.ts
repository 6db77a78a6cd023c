/** The HTML report of `orgwarden report --html`: its model, and the page made from it. */
export { buildReportModel, causeText, type ReportInput, type ReportModel } from './report-model';
export { escapeHtml, renderReportHtml } from './render-html';
