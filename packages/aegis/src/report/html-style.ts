/** The report's only stylesheet, inlined: the file must render offline with no request. */
export const htmlStyle = `
:root { color-scheme: light; --crit:#8b0000; --high:#c0392b; --med:#b7791f; --low:#2b6cb0; --info:#6b7280; --ok:#2f855a; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; color: #1f2937; background: #f8fafc; }
header, main { max-width: 980px; margin: 0 auto; padding: 16px 24px; }
header { border-bottom: 1px solid #e5e7eb; background: #fff; max-width: none; }
header .inner { max-width: 932px; margin: 0 auto; }
h1 { font-size: 22px; margin: 4px 0; } h2 { font-size: 18px; margin: 28px 0 10px; }
.meta { color: #4b5563; font-size: 13px; }
.cards { display: flex; gap: 10px; flex-wrap: wrap; margin: 14px 0 4px; }
.card { background: #fff; border: 1px solid #e5e7eb; border-radius: 8px; padding: 8px 14px; min-width: 100px; }
.card b { display: block; font-size: 22px; }
.sev { display: inline-block; border-radius: 4px; padding: 0 7px; color: #fff; font-size: 12px; font-weight: 600; text-transform: uppercase; }
.sev-critical { background: var(--crit); } .sev-high { background: var(--high); } .sev-medium { background: var(--med); }
.sev-low { background: var(--low); } .sev-info { background: var(--info); }
.finding { background: #fff; border: 1px solid #e5e7eb; border-left: 5px solid var(--info); border-radius: 8px; padding: 10px 16px; margin: 10px 0; }
.finding.critical { border-left-color: var(--crit); } .finding.high { border-left-color: var(--high); }
.finding.medium { border-left-color: var(--med); } .finding.low { border-left-color: var(--low); }
.finding h3 { font-size: 15px; margin: 0 0 4px; } .finding h3 code { font-weight: 600; }
.where { color: #4b5563; font-size: 13px; }
pre { background: #0f172a; color: #e2e8f0; padding: 8px 12px; border-radius: 6px; overflow-x: auto; font-size: 13px; }
pre .mark { color: #fde68a; }
.fix { color: var(--ok); } .evidence img { max-width: 100%; border: 1px solid #cbd5e1; border-radius: 4px; image-rendering: pixelated; min-width: 240px; }
table { border-collapse: collapse; width: 100%; background: #fff; font-size: 13px; }
th, td { text-align: left; border-bottom: 1px solid #e5e7eb; padding: 5px 8px; vertical-align: top; }
.outcome-pass { color: var(--ok); } .outcome-fail { color: var(--high); } .outcome-error { color: var(--crit); font-weight: 600; } .outcome-skipped { color: var(--info); }
.timeline { background: #fff; border: 1px solid #e5e7eb; border-radius: 8px; font-family: inherit; }
.tl-label { font-size: 13px; fill: #1f2937; } .tl-value { font-size: 12px; fill: #374151; } .tl-unset { font-size: 12px; fill: var(--info); font-style: italic; }
.tl-inside { font-weight: 600; fill: #111827; } .tl-ok { fill: #68d391; } .tl-over { fill: #fc8181; } .tl-limit { stroke: #111827; stroke-width: 2.5; }
.tl-limit-label { font-size: 10px; fill: #111827; } .tl-grid { stroke: #e5e7eb; } .tl-tick { font-size: 11px; fill: #6b7280; }
footer { max-width: 980px; margin: 0 auto; padding: 8px 24px 32px; color: #4b5563; font-size: 13px; }
`
