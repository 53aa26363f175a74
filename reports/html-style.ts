/** The report's only styling: inline, so report.html is one self-contained file that opens anywhere, offline. */
export const REPORT_CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:1200px;padding:16px 24px;color:#1b1f24}
h1{font-size:22px;margin:0 0 8px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #d0d7de;padding-bottom:4px}
h3{font-size:15px;margin:18px 0 6px}table{border-collapse:collapse;width:100%;margin:6px 0}
th,td{border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}th{background:#f6f8fa}
.meta th{width:170px}.n{text-align:right;font-variant-numeric:tabular-nums}
.badge{display:inline-block;border-radius:4px;padding:0 6px;font-weight:600;font-size:12px;text-transform:uppercase}
.pass{background:#dafbe1;color:#116329}.fail{background:#ffebe9;color:#a40e26}.error{background:#fff8c5;color:#7d4e00}.skip{background:#eaeef2;color:#57606a}
#overall{font-size:18px;padding:6px 12px}article.check{border:1px solid #d0d7de;border-left:6px solid #a40e26;border-radius:6px;padding:8px 12px;margin:12px 0}
article.check.error{border-left-color:#bf8700}article.check.fail,article.check.error{background:#fff;color:inherit}
table.violations td{word-break:break-word}table.violations td.muted{font-size:12px}pre{background:#f6f8fa;padding:8px;overflow-x:auto;white-space:pre-wrap;word-break:break-all;margin:4px 0}
pre.curl{background:#0d1117;color:#e6edf3}details{margin:4px 0}summary{cursor:pointer}.muted{color:#57606a}.req-text{max-width:520px}
`;
