package cli

import (
	"errors"
	"fmt"

	"github.com/tokentui/tokentui/client"
	"github.com/tokentui/tokentui/client/profile"
	"github.com/tokentui/tokentui/tui/exitcode"
)

// usageError: the command line is wrong. hint adds "Run --help".
type usageError struct {
	msg  string
	hint bool
}

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...), hint: true}
}

// refusal is a usage-class error that needs no pointer to --help (a
// confirmation refused, input the catalog does not offer).
func refusal(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

// shownError: the command already wrote what went wrong; only the exit
// code is left to return.
type shownError struct{ code int }

func (e *shownError) Error() string { return fmt.Sprintf("exit %d", e.code) }

// exitCode maps an error to the documented exit codes.
func exitCode(err error) int {
	var (
		usage   *usageError
		tokErr  *profile.TokenError
		profErr *profile.Error
		cfgErr  *profile.ConfigError
		noProf  *profile.NoProfileError
		selErr  *profile.SelectError
	)
	switch {
	case errors.As(err, &usage):
		return exitcode.Usage
	case client.IsAuth(err), errors.As(err, &tokErr):
		return exitcode.Auth
	case errors.As(err, &profErr), errors.As(err, &cfgErr), errors.As(err, &noProf), errors.As(err, &selErr):
		return exitcode.Usage
	}
	return exitcode.Failure
}
