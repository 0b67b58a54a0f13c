package cli

import (
	"context"
	"os"
	"testing"
)

// asBinaryEnv makes the test binary act as the tokentui command line
// (without the dashboard), so shell completion scripts can call it by name.
const asBinaryEnv = "TOKENTUI_TEST_AS_BINARY"

func TestMain(m *testing.M) {
	if os.Getenv(asBinaryEnv) == "1" {
		os.Exit(Main(context.Background(), os.Args[1:], nil))
	}
	// No test writes the history of the person running it.
	state, err := os.MkdirTemp("", "tokentui-state-")
	if err != nil {
		panic(err)
	}
	os.Setenv("XDG_STATE_HOME", state)
	code := m.Run()
	os.RemoveAll(state)
	os.Exit(code)
}
