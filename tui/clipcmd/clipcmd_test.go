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
	job, tick := ScheduleClear(f, secret, time.Now(), time.Millisecond)
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
	job, tick := ScheduleClear(f, secret, time.Now(), time.Millisecond)
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
	job, tick := ScheduleClear(clipboard.NewFake(), secret, time.Now(), time.Millisecond)
	due := tick()
	for _, v := range []any{job, due, *job} {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
			if s := fmt.Sprintf(verb, v); strings.Contains(s, secret) {
				t.Fatalf("%s of %T printed the secret: %s", verb, v, s)
			}
		}
	}
}

func TestHandOffLeavesTheClearToALaterProcess(t *testing.T) {
	f := clipboard.NewFake()
	f.Copy(secret)
	now := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	job, _ := ScheduleClear(f, secret, now, 45*time.Second)
	msg := job.HandOff()().(HandedOffMsg)
	if msg.Err != nil || !msg.At.Equal(now.Add(45*time.Second)) || f.Content() != secret {
		t.Fatalf("HandOff = %+v, content %q: the secret must stay until its time", msg, f.Content())
	}
	if !strings.Contains(msg.String(), "cleared at 12:00:45") {
		t.Fatalf("says %q", msg.String())
	}
	if job.Pending() || job.HandOff() != nil || HandleClearDue(ClearDueMsg{job: job}) != nil {
		t.Fatal("a handed-off job still runs here")
	}
	f.RunLater(now.Add(45 * time.Second))
	if f.Content() != "" {
		t.Fatal("the later clear did not run")
	}

	f.FailSystem(clipboard.ErrFake)
	f.Copy(secret) // OSC 52 only
	job, _ = ScheduleClear(f, secret, now, time.Second)
	if msg := job.HandOff()().(HandedOffMsg); !strings.Contains(msg.String(), "clear the clipboard yourself") {
		t.Fatalf("OSC 52: %q", msg.String())
	}
}

func TestForTellsSecretsApart(t *testing.T) {
	job, _ := ScheduleClear(clipboard.NewFake(), secret, time.Now(), time.Second)
	if !job.For(secret) || job.For("other") {
		t.Fatal("For")
	}
	job.Cancel()
	if job.For(secret) {
		t.Fatal("a cancelled job is for nothing")
	}
}
