// Package exitcode holds the exit codes of the whole tokentui binary: the
// dashboard (tui/launch) and the scripting commands (tui/cli) alike. They
// are part of the interface: scripts branch on them, and the README and
// every command's --help document them.
package exitcode

const (
	OK      = 0 // success; for check: no findings
	Failure = 1 // the API refused or failed, a token was not found, check has findings, or the dashboard failed
	Usage   = 2 // bad flags or arguments, a profile problem, or a refused confirmation
	Auth    = 3 // the admin token is missing, invalid, expired or lacks a permission
	// Unknown: a create or revoke may have been carried out, but its answer
	// was lost (a reset or timeout after sending, a 5xx, a cut answer):
	// check the list before doing it again.
	Unknown = 4
)
