/**
 * Environment variables Kratos reads with os.Getenv, outside its schema (Kratos b86338da:
 * driver/config/config.go, oryx/logrusx, oryx/metricsx). A leaf module: redaction reads it
 * without loading the schema compiler. LOG_LEVEL and LOG_FORMAT are schema keys too.
 */
export const directlyReadEnvNames: readonly string[] = [
  'DEV_DISABLE_API_FLOW_ENFORCEMENT',
  'LOG_LEVEL',
  'LOG_FORMAT',
  'SQA_OPT_OUT',
]
