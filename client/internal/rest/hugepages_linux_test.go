package rest

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"testing"
	"unsafe"
)

// A large list's memory carries the huge-page advice (VmFlags "hg" in
// /proc/self/smaps), whatever the machine's THP mode makes of it; a small
// one's does not (it shares its pages with other objects).
func TestMakeListAdvisesHugePagesForALargeList(t *testing.T) {
	t.Setenv("GODEBUG", "")
	large := makeList[[312]byte](100_000)
	if !advisedHuge(t, uintptr(unsafe.Pointer(unsafe.SliceData(large)))+hugePage+hugePage/2) {
		t.Error("the middle of a 31 MB list is not advised to use huge pages")
	}
}

// advisedHuge reports whether the mapping holding addr has the hg flag.
func advisedHuge(t *testing.T, addr uintptr) bool {
	t.Helper()
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	in := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		var lo, hi uintptr
		if n, _ := fmt.Sscanf(line, "%x-%x", &lo, &hi); n == 2 && strings.Contains(line, " ") {
			in = lo <= addr && addr < hi
			continue
		}
		if in && strings.HasPrefix(line, "VmFlags:") {
			return strings.Contains(line+" ", " hg ")
		}
	}
	t.Fatalf("no mapping holds %#x", addr)
	return false
}

// GODEBUG=disablethp=1 turns the advice off, among other settings too.
func TestGODEBUGDisableTHPTurnsHugePagesOff(t *testing.T) {
	for godebug, off := range map[string]bool{
		"": false, "disablethp=1": true, "madvdontneed=1,disablethp=1": true,
		"disablethp=0": false, "xdisablethp=1": false, "disablethp=10": false,
	} {
		t.Setenv("GODEBUG", godebug)
		if hugePagesOff() != off {
			t.Errorf("GODEBUG=%q: hugePagesOff() = %v, want %v", godebug, !off, off)
		}
	}
}
