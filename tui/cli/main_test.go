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
	os.Exit(m.Run())
}
