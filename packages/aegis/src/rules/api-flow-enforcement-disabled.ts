import { defineRule } from '../engine/define-rule.ts'
import { parseGoBool } from '../kratos/index.ts'

/** Read with os.Getenv, acting only in dev mode (FACTS.md §4.4 item 6, §7). */
export default defineRule({
  id: 'api-flow-enforcement-disabled',
  meta: {
    title: 'API flows accept browser requests (DEV_DISABLE_API_FLOW_ENFORCEMENT)',
    severity: 'high',
    concern: 'dev-mode',
    references: {
      asvs4: ['13.2.3'],
      asvs5: ['3.5.1'],
      nist: ['SP 800-63B-4 §5.1'],
      cwe: ['CWE-352'],
      wstg: ['WSTG-SESS-05'],
    },
    unmapped: {
      pci: 'PCI DSS v4.0.1 names CSRF only among the attacks custom software must resist (6.2.4), outside the requirements aegis maps (8.2.8, 8.4.1, 8.4.2, 8.5.1)',
    },
    messages: {
      active:
        'DEV_DISABLE_API_FLOW_ENFORCEMENT={{value}}{{via}} together with dev mode: API flows, which skip the CSRF token, no longer refuse requests carrying an Origin header or cookies, so a browser page can submit login and registration API flows cross-site. Remove the variable.',
      inert:
        'DEV_DISABLE_API_FLOW_ENFORCEMENT={{value}}{{via}} is set, but dev mode is off, so it has no effect today; it would switch off the API-flow browser check the moment dev mode is turned on. Remove it.',
    },
  },
  check: ({ view }) => {
    const raw = view.rawEnv['DEV_DISABLE_API_FLOW_ENFORCEMENT']
    if (raw === undefined || parseGoBool(raw.value) !== true) return []
    const via = raw.origin.via === undefined ? '' : ` (${raw.origin.via})`
    const data = { value: raw.value, via }
    const at = { location: raw.origin.location, origin: raw.origin.kind }
    return view.dev
      ? [{ key: 'dev', messageId: 'active', data, at }]
      : [{ key: 'dev', messageId: 'inert', data, severity: 'info', at }]
  },
})
