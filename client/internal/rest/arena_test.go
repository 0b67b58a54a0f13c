package rest

import (
	"strconv"
	"strings"
	"testing"
)

// Strings made in an arena keep their text when the arena fills its block
// and starts another, however many are made; each is a copy, and a long
// one is not in a block.
func TestStringArenaKeepsEveryString(t *testing.T) {
	var a stringArena
	var made, want []string
	for i := range 3 * arenaBlock / 10 {
		text := []byte("token-" + strconv.Itoa(i) + strings.Repeat("x", i%17))
		made = append(made, a.string(text))
		want = append(want, string(text))
		text[0] = '!' // the caller's bytes change: the string must not
	}
	for i := range made {
		if made[i] != want[i] {
			t.Fatalf("string %d is %q, want %q", i, made[i], want[i])
		}
	}
	long := strings.Repeat("y", arenaMax+1)
	before := len(a.block)
	if got := a.string([]byte(long)); got != long || len(a.block) != before {
		t.Error("a long string went into the block")
	}
	if a.string(nil) != "" {
		t.Error("an empty string")
	}
}
