package client

import (
	"context"
	"testing"
)

// The count a List should expect is taken once: of the lists one List
// reads, one prepares for it. A nil Progress expects nothing.
func TestProgressExpectedIsTakenOnce(t *testing.T) {
	p := &Progress{}
	ctx := WithProgress(context.Background(), p)
	ProgressOf(ctx).Expect(100_016)
	if got := ProgressOf(ctx).TakeExpected(); got != 100_016 {
		t.Errorf("took %d, want 100016", got)
	}
	if got := p.TakeExpected(); got != 0 {
		t.Errorf("taken again: %d", got)
	}
	var none *Progress
	none.Expect(5)
	if got := none.TakeExpected(); got != 0 {
		t.Errorf("a nil Progress expects %d", got)
	}
}
