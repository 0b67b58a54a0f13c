package client

import (
	"strings"
	"testing"
)

func TestMaskSecret(t *testing.T) {
	cases := map[string]string{
		"":                        "",
		"short":                   "••••••",
		"12345678":                "••••••",
		"123456789":               "1234…89",
		"ga_0123456789abcdef0123": "ga_0…23",
		"default:production.25ee6c1a8a2b4c0dbe4f2a1b": "default:production.25ee…1b",
		"*:development.abcdef0123456789":              "*:development.abcd…89",
		"[]:*.abcdef0123456789":                       "[]:*.abcd…89",
		"proj:env.1234":                               "proj:env.••••••",
		"a:b.":                                        "••••••",
		"no.colon.before.dotxyz":                      "no.c…yz",
	}
	for in, want := range cases {
		got := MaskSecret(in)
		if got != want {
			t.Errorf("MaskSecret(%q) = %q, want %q", in, got, want)
		}
	}
	long := "ga_" + strings.Repeat("f00d", 10)
	if m := MaskSecret(long); strings.Contains(m, long[4:len(long)-2]) || len([]rune(m)) > 7 {
		t.Errorf("mask %q shows too much", m)
	}
}

func TestFingerprint(t *testing.T) {
	// SHA-256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
	if got := Fingerprint("abc"); got != "ba7816bf8f01" {
		t.Fatalf("Fingerprint(abc) = %q", got)
	}
	a, b := Fingerprint("default:production.secret-one"), Fingerprint("default:production.secret-two")
	if a == b || len(a) != 12 || a != Fingerprint("default:production.secret-one") {
		t.Fatalf("fingerprints %q %q are not distinct, stable and 12 long", a, b)
	}
	if strings.Contains(a, "secret") {
		t.Fatal("fingerprint reveals the secret")
	}
}
