/** One entry point for every format: `render(format, result, options)` (APIS.md). */
import type { RunResult } from '../engine/finding.ts'
import { renderHtml } from './html.ts'
import { renderJson } from './json.ts'
import { renderJunit } from './junit.ts'
import { renderMarkdown } from './markdown.ts'
import { renderSarif } from './sarif.ts'
import { renderText } from './text.ts'
import type { RenderOptions, ReportFormat } from './types.ts'

export { reportFormats, isReportFormat } from './types.ts'
export type { RenderOptions, ReportFormat, Reporter } from './types.ts'

export const render = (format: ReportFormat, result: RunResult, options: RenderOptions): string => {
  switch (format) {
    case 'text':
      return renderText(result, options)
    case 'json':
      return renderJson(result)
    case 'sarif':
      return renderSarif(result, options)
    case 'junit':
      return renderJunit(result)
    case 'markdown':
      return renderMarkdown(result, options)
    case 'html':
      return renderHtml(result, options)
  }
}
