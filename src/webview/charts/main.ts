/**
 * One browser bundle (dist/webview/charts.js) for both pages that draw benchmark charts: the report view inside VS
 * Code and the self-contained HTML export. chart.js is most of either page's code, and shipping it once instead of
 * twice keeps the .vsix under its 300 KB budget (issue 12). The page says which one it is: the export carries its
 * report inline in `#report-data`; the view has none and is fed by the extension's messages. esbuild keeps both
 * behind lazy module wrappers in this one file, so only the page's own start-up code runs.
 */
if (document.getElementById('report-data')) void import('../report/main');
else void import('../bench/main');
