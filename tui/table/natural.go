package table

import "strings"

// naturalCompare orders strings as people expect: runs of digits compare by
// value, so "ci-runner-9" sorts before "ci-runner-10". Leading zeros only
// break ties. Everything else compares byte by byte.
func naturalCompare(a, b string) int {
	i, j, zeros := 0, 0, 0
	for i < len(a) && j < len(b) {
		ca, cb := a[i], b[j]
		if isDigit(ca) && isDigit(cb) {
			// skip leading zeros, then the longer run is the bigger number
			si, sj := i, j
			for i < len(a) && a[i] == '0' {
				i++
			}
			for j < len(b) && b[j] == '0' {
				j++
			}
			ni, nj := i, j
			for i < len(a) && isDigit(a[i]) {
				i++
			}
			for j < len(b) && isDigit(b[j]) {
				j++
			}
			if la, lb := i-ni, j-nj; la != lb {
				return cmpInt(la, lb)
			}
			for k := 0; k < i-ni; k++ {
				if a[ni+k] != b[nj+k] {
					return cmpInt(int(a[ni+k]), int(b[nj+k]))
				}
			}
			if za, zb := ni-si, nj-sj; za != zb && zeros == 0 {
				zeros = cmpInt(za, zb) // decides only if nothing else does
			}
			continue
		}
		if ca != cb {
			return cmpInt(int(ca), int(cb))
		}
		i++
		j++
	}
	if c := cmpInt(len(a)-i, len(b)-j); c != 0 {
		return c
	}
	return zeros
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// naturalKey is a byte string whose order (strings.Compare) is the order
// naturalCompare gives: made once per name, it lets a sort compare names
// with one memcmp instead of walking digit runs in each of the 1.7 million
// comparisons of a 100 000-token list. A run of digits becomes '0' (so it
// sorts against other characters as its first digit does), its length
// without leading zeros and those digits; the zeros each run had follow at
// the end, after a NUL (names hold none: they are sanitised), so they
// decide only when everything else is equal. FuzzNaturalKey holds it to
// naturalCompare.
func naturalKey(s string) string {
	var b strings.Builder
	appendNaturalKey(&b, s)
	return b.String()
}

// appendNaturalKey writes naturalKey(s) to b.
func appendNaturalKey(b *strings.Builder, s string) {
	var zeros []int
	for i := 0; i < len(s); {
		j := i
		for j < len(s) && !isDigit(s[j]) {
			j++
		}
		b.WriteString(s[i:j])
		if i = j; i == len(s) {
			break
		}
		start := i
		for i < len(s) && s[i] == '0' {
			i++
		}
		from := i
		for i < len(s) && isDigit(s[i]) {
			i++
		}
		b.WriteByte('0')
		writeCount(b, i-from)
		b.WriteString(s[from:i])
		zeros = append(zeros, from-start)
	}
	b.WriteByte(0)
	for _, z := range zeros {
		writeCount(b, z)
	}
}

// writeCount writes n so that counts compare as bytes as they do as
// numbers: one byte below 255, else 255 and four bytes, big-endian.
func writeCount(b *strings.Builder, n int) {
	if n < 255 {
		b.WriteByte(byte(n))
		return
	}
	b.Write([]byte{255, byte(n >> 24), byte(n >> 16), byte(n >> 8), byte(n)})
}
