package clipcmd

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/tokentui/tokentui/tui/clipboard"
)

const secret = "s3cr3t"

func TestCopyCmdReportsRef(t *testing.T) {
	f := clipboard.NewFake()
	msg := Copy(f, secret, "reveal/1")()
	got, ok := msg.(CopiedMsg)
	if !ok || got.Ref != "reveal/1" || got.Result.Method != clipboard.System {
		t.Fatalf("msg = %#v", msg)
	}
	if len(f.Copies()) != 1 {
		t.Fatalf("copies = %v", f.Copies())
	}
}

func TestClearJobRunsOnceWhenDue(t *testing.T) {
	f := clipboard.NewFake()
	f.Copy(secret)
	job, tick := ScheduleClear(f, secret, time.Millisecond)
	due := tick()
	if _, ok := due.(ClearDueMsg); !ok {
		t.Fatalf("timer sent %T", due)
	}

	cmd := HandleClearDue(due)
	if cmd == nil {
		t.Fatal("janitor ignored a pending job")
	}
	if again := HandleClearDue(due); again != nil {
		t.Fatal("the same job was dispatched twice")
	}
	done := cmd().(ClearedMsg)
	if !done.For(job) || !done.Result.Cleared || f.Content() != "" {
		t.Fatalf("cleared = %+v, content %q", done.Result, f.Content())
	}
	if job.Pending() {
		t.Fatal("job still pending after it ran")
	}
}

func TestCancelledJobDoesNothing(t *testing.T) {
	f := clipboard.NewFake()
	f.Copy(secret)
	job, tick := ScheduleClear(f, secret, time.Millisecond)
	job.Cancel()
	if cmd := HandleClearDue(tick()); cmd != nil {
		t.Fatal("a cancelled job was dispatched")
	}
	if f.Content() != secret {
		t.Fatal("clipboard changed")
	}
}

func TestHandleClearDueIgnoresOtherMessages(t *testing.T) {
	if HandleClearDue(tea.KeyMsg{}) != nil || HandleClearDue(ClearDueMsg{}) != nil {
		t.Fatal("janitor acted on a message that is not a due job")
	}
}

func TestJobNeverPrintsItsSecret(t *testing.T) {
	job, tick := ScheduleClear(clipboard.NewFake(), secret, time.Millisecond)
	due := tick()
	for _, v := range []any{job, due, *job} {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
			if s := fmt.Sprintf(verb, v); strings.Contains(s, secret) {
				t.Fatalf("%s of %T printed the secret: %s", verb, v, s)
			}
		}
	}
}
