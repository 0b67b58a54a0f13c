package table

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
