/** The HTML report of `orgwarden report --html` and the findings of `orgwarden local`: the model, the page, the text. */
export { buildReportModel, causeText, type ReportInput, type ReportModel } from './report-model';
export { escapeHtml, renderReportHtml } from './render-html';
export { deriveFindings, type Findings } from './findings';
export { formatFindings, formatNext, LEGEND_TEXT } from './findings-text';
export { formatRunSummary } from './summary-text';
