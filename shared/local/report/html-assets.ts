/** The report's inline stylesheet: readable on screen and in print, light and dark. */
export const REPORT_STYLES = `
:root { --fg: #1d2330; --muted: #5b6475; --bg: #f6f7f9; --card: #fff; --line: #dde1e8;
  --good: #1f7a4d; --good-bg: #e3f4ea; --bad: #a33a2b; --bad-bg: #fbe6e2; --open: #1e5aa8; --open-bg: #e3edfb;
  --other: #6b4fa3; --other-bg: #eee8f8; --new: #5b6475; --new-bg: #eceef2; --warn: #9a6700; --warn-bg: #fff1cc; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6e9ef; --muted: #a3acbd; --bg: #14171d; --card: #1c2029; --line: #2d3340;
  --good-bg: #17372a; --good: #7fd3a6; --bad-bg: #43221d; --bad: #f2a093; --open-bg: #1b2f4d; --open: #9cc2f5;
  --other-bg: #2e2543; --other: #c7b3f0; --new-bg: #262b36; --new: #a3acbd; --warn: #e3b341; --warn-bg: #3d3113; } }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
header, main, footer { max-width: 1100px; margin: 0 auto; padding: 0 20px; }
header { padding-top: 24px; }
h1 { font-size: 22px; margin: 0 0 4px; } h1 .title { font-weight: 400; color: var(--muted); margin-left: 6px; }
h2 { font-size: 18px; margin: 28px 0 10px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h2 .count { font-size: 13px; color: var(--muted); font-weight: 400; }
h3 { font-size: 15px; margin: 0 0 8px; display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
.meta { color: var(--muted); font-size: 13px; margin: 0; font-weight: 400; }
.description { max-width: 80ch; }
code { font: 13px/1.3 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; overflow-wrap: anywhere; }
.cards { display: flex; flex-wrap: wrap; gap: 10px; margin: 16px 0 4px; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 8px 14px; min-width: 100px;
  text-decoration: none; color: inherit; display: flex; flex-direction: column; }
.card .value { font-size: 20px; font-weight: 600; } .card .label { font-size: 12px; color: var(--muted); }
.card.alert { border-color: var(--bad); } .card.alert .value { color: var(--bad); }
.card.warn { border-color: var(--warn); } .card.warn .value { color: var(--warn); }
.subject { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; margin: 10px 0; }
.subject[hidden] { display: none; }
.bar { display: flex; height: 8px; border-radius: 4px; overflow: hidden; margin: 4px 0 10px; background: var(--new-bg); }
.bar .span { min-width: 3px; }
.bar .tone-good { background: var(--good); } .bar .tone-bad { background: var(--bad); } .bar .tone-open { background: var(--open); } .bar .tone-other { background: var(--other); }
.timeline { list-style: none; margin: 0; padding: 0 0 0 12px; border-left: 2px solid var(--line); }
.timeline li { margin: 0 0 6px; padding-left: 8px; display: flex; flex-wrap: wrap; gap: 6px; align-items: baseline; }
.timeline time { color: var(--muted); font-size: 13px; min-width: 150px; font-variant-numeric: tabular-nums; }
.arrow { color: var(--muted); } .cause { color: var(--muted); font-size: 13px; }
.chip { display: inline-block; border-radius: 10px; padding: 0 8px; font-size: 12px; font-weight: 600; line-height: 18px; }
.tone-good { background: var(--good-bg); color: var(--good); } .tone-bad { background: var(--bad-bg); color: var(--bad); }
.tone-open { background: var(--open-bg); color: var(--open); } .tone-other { background: var(--other-bg); color: var(--other); }
.tone-new { background: var(--new-bg); color: var(--new); } .tone-warn { background: var(--warn-bg); color: var(--warn); }
.bar .tone-warn { background: var(--warn); } .bar .tone-new { background: var(--muted); }
h4 { font-size: 14px; margin: 18px 0 6px; }
#findings h3 { font-size: 16px; margin: 22px 0 8px; }
.verdict { font-weight: 600; padding: 8px 12px; border-radius: 6px; display: inline-block; margin: 4px 0; }
.verdict.good { background: var(--good-bg); color: var(--good); } .verdict.bad { background: var(--bad-bg); color: var(--bad); }
.who { display: block; color: var(--muted); font-size: 13px; overflow-wrap: anywhere; }
.party { display: block; white-space: nowrap; } td time { white-space: nowrap; } td > code { overflow-wrap: anywhere; }
#reactions td:nth-child(2), #deadlines td:nth-child(3), #untrusted td:nth-child(3) { min-width: 24ch; } .muted { color: var(--muted); } .soon { color: var(--warn); }
.reaction { margin: 4px 0; } .reaction .reason, td .reason { color: var(--muted); font-size: 13px; overflow-wrap: anywhere; }
.chip.error { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.parties { margin: 0 0 6px; }
details.kind { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 6px 12px; margin: 10px 0; }
details.kind > summary { cursor: pointer; font-size: 15px; padding: 4px 0; }
details.kind .subject { border-color: var(--line); }
.many { font-weight: 600; }
ul.members { columns: 2; margin: 6px 0; padding-left: 18px; font-size: 13px; } ul.members li { break-inside: avoid; }
details.members summary { cursor: pointer; color: var(--muted); font-size: 13px; }
table { width: 100%; border-collapse: collapse; background: var(--card); border: 1px solid var(--line); border-radius: 8px; font-size: 14px; }
th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: 12px; color: var(--muted); font-weight: 600; }
.empty { color: var(--muted); font-style: italic; }
#filter { width: 100%; max-width: 360px; padding: 6px 10px; border: 1px solid var(--line); border-radius: 6px; background: var(--card); color: var(--fg); font: inherit; }
footer { color: var(--muted); font-size: 12px; padding: 30px 20px; }
@media print { #filter { display: none; } .subject { break-inside: avoid; } details.kind { display: block; } }
`;

/** The report's inline script: the subject filter. It reads the page only, never the network. */
export const REPORT_SCRIPT = `
(function () {
  var input = document.getElementById('filter');
  if (!input) return;
  input.addEventListener('input', function () {
    var wanted = input.value.trim().toLowerCase();
    document.querySelectorAll('article.subject').forEach(function (article) {
      article.hidden = wanted !== '' && article.getAttribute('data-subject').indexOf(wanted) === -1;
    });
    // A collapsed kind opens while it holds a match, and takes back its own state once the filter is cleared.
    document.querySelectorAll('details.kind').forEach(function (kind) {
      if (!kind.hasAttribute('data-open')) kind.setAttribute('data-open', kind.open ? 'yes' : 'no');
      var matches = kind.querySelectorAll('article.subject:not([hidden])').length;
      kind.hidden = wanted !== '' && matches === 0;
      kind.open = wanted === '' ? kind.getAttribute('data-open') === 'yes' : matches > 0;
    });
  });
})();
`;
