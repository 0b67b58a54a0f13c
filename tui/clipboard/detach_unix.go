//go:build unix

package clipboard

import (
	"os/exec"
	"syscall"
)

// detach starts cmd in a new session: no controlling terminal, so the
// hang-up of a closed terminal does not reach it.
func detach(cmd *exec.Cmd) { cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true} }
