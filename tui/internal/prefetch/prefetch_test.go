package prefetch

import (
	"slices"
	"testing"
	"unsafe"

	"github.com/tokentui/tokentui/client"
)

// Touch reads a field at least every 64 bytes of a Token: a field added
// or moved that leaves a longer gap leaves a cache line untouched.
func TestTouchReadsEveryCacheLine(t *testing.T) {
	var tok client.Token
	touched := []uintptr{unsafe.Offsetof(tok.ID), unsafe.Offsetof(tok.Role), unsafe.Offsetof(tok.AllowedIPs),
		unsafe.Offsetof(tok.ExpiresAt), unsafe.Offsetof(tok.CreatedBy), unsafe.Offsetof(tok.Profile),
		unsafe.Offsetof(tok.SecretNote), unsafe.Sizeof(tok)}
	slices.Sort(touched)
	for i := 1; i < len(touched); i++ {
		if gap := touched[i] - touched[i-1]; gap > 64 {
			t.Errorf("Touch reads nothing in %d bytes of a Token (offsets %d to %d): touch a field between", gap, touched[i-1], touched[i])
		}
	}
	Touch([]*client.Token{&tok, {ID: "x", Name: "y"}})
}
