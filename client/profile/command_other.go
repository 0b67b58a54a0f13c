//go:build !unix

package profile

import "os/exec"

// killGroupOnCancel: without process groups, the default (kill the shell)
// applies; WaitDelay still bounds the wait.
func killGroupOnCancel(cmd *exec.Cmd) {}
