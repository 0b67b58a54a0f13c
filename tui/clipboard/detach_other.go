//go:build !unix

package clipboard

import "os/exec"

// detach: outside Unix a child process already outlives its parent.
func detach(*exec.Cmd) {}
