package rest

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"unsafe"

	"golang.org/x/sys/unix"
)

// While a large list is written its memory asks for huge pages (VmFlags
// "hg" in /proc/self/smaps); once settled it withdraws the ask ("nh").
func TestMakeListAsksForHugePagesUntilSettled(t *testing.T) {
	if !hugePagesAsked() {
		mode, _ := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled")
		t.Skipf("huge pages are not asked for here (GODEBUG %q, THP mode %q)", os.Getenv("GODEBUG"), strings.TrimSpace(string(mode)))
	}
	list := makeList[[312]byte](100_000)
	middle := uintptr(unsafe.Pointer(unsafe.SliceData(list))) + 3*hugePage/2
	if flags := vmFlags(t, middle); !strings.Contains(flags, " hg ") {
		t.Errorf("the middle of a 31 MB list being written does not ask for huge pages: VmFlags%s", flags)
	}
	settleList(list)
	if flags := vmFlags(t, middle); strings.Contains(flags, " hg ") || !strings.Contains(flags, " nh ") {
		t.Errorf("a settled list still asks for huge pages: VmFlags%s", flags)
	}
}

// vmFlags is the VmFlags line of the mapping holding addr, from its first
// space, with a space after.
func vmFlags(t *testing.T, addr uintptr) string {
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
		if n, _ := fmt.Sscanf(line, "%x-%x", &lo, &hi); n == 2 {
			in = lo <= addr && addr < hi
			continue
		}
		if flags, ok := strings.CutPrefix(line, "VmFlags:"); in && ok {
			return flags + " "
		}
	}
	t.Fatalf("no mapping holds %#x", addr)
	return ""
}

// GODEBUG's disablethp read as Go's runtime reads it.
func TestDisableTHPReadsGODEBUGAsGoDoes(t *testing.T) {
	for godebug, off := range map[string]bool{
		"": false, "disablethp=1": true, "madvdontneed=1,disablethp=1": true,
		"disablethp=0": false, "xdisablethp=1": false, "disablethp=2": true,
		"disablethp=1,disablethp=0": false, "disablethp=0,disablethp=1": true,
		"disablethp=yes": false, "disablethp=1,disablethp=yes": true,
	} {
		if disableTHP(godebug) != off {
			t.Errorf("GODEBUG=%q: disableTHP = %v, want %v", godebug, !off, off)
		}
	}
}

// With GODEBUG=disablethp=1 nothing asks for huge pages: run in a process
// of its own, where no earlier list's memory can answer for it.
func TestMakeListAsksNothingWithGODEBUGDisableTHP(t *testing.T) {
	if os.Getenv("TOKENTUI_HUGE_CHILD") == "" {
		cmd := exec.Command(os.Args[0], "-test.run=^TestMakeListAsksNothingWithGODEBUGDisableTHP$")
		cmd.Env = append(os.Environ(), "TOKENTUI_HUGE_CHILD=1", "GODEBUG=disablethp=1")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		return
	}
	list := makeList[[312]byte](100_000)
	if flags := vmFlags(t, uintptr(unsafe.Pointer(unsafe.SliceData(list)))+3*hugePage/2); strings.Contains(flags, " hg ") {
		t.Errorf("GODEBUG=disablethp=1, yet the list asks for huge pages: VmFlags%s", flags)
	}
}

// A decoded list is settled: written, it asks for huge pages no more.
func TestDecodedListIsSettled(t *testing.T) {
	if !hugePagesAsked() {
		t.Skip("huge pages are not asked for here")
	}
	body := "[" + strings.Repeat(`{"a":"x"},`, 19_999) + `{"a":"y"}]`
	list, _, err := DecodeList(Response{Status: 200, Body: []byte(body)}, "", func(e *struct{ A string }, r *[400]byte) error {
		r[0] = e.A[0]
		return nil
	})
	if err != nil || len(list) != 20_000 {
		t.Fatalf("decoded %d, %v", len(list), err)
	}
	middle := uintptr(unsafe.Pointer(unsafe.SliceData(list))) + 3*hugePage/2
	if flags := vmFlags(t, middle); strings.Contains(flags, " hg ") {
		t.Errorf("a decoded list still asks for huge pages: VmFlags%s", flags)
	}
}

// populatePages puts pages in memory before anything is written there
// (mincore(2): resident).
func TestPopulatePages(t *testing.T) {
	const size = 8 << 20
	mem, err := unix.Mmap(-1, 0, size, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_PRIVATE|unix.MAP_ANON)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = unix.Munmap(mem) }()
	p := unsafe.Pointer(unsafe.SliceData(mem))
	if resident := residentPages(t, p, size); resident != 0 {
		t.Fatalf("%d pages of fresh memory are in memory already", resident)
	}
	if !populatePages(p, size) {
		t.Skip("this kernel cannot fault pages in ahead (MADV_POPULATE_WRITE, Linux 5.14): lists are not prepared")
	}
	if resident, pages := residentPages(t, p, size), size/os.Getpagesize(); resident != pages {
		t.Errorf("%d of %d pages in memory", resident, pages)
	}
}

// A prepared list is faulted in while the server works, for the count
// expected, and no further once the answer starts.
func TestPreparedListStopsWhenAnswered(t *testing.T) {
	waited := prepareList[[312]byte](20_000, 1<<30) // 6 MB
	<-waited.done
	if waited.faulted == 0 {
		t.Skip("this kernel cannot fault pages in ahead (MADV_POPULATE_WRITE, Linux 5.14)")
	}
	if want := uintptr(20_000+20_000/25+16) * 312; waited.faulted != want {
		t.Errorf("%d bytes faulted in, want %d", waited.faulted, want)
	}
	waited.release()

	answered := prepareList[[312]byte](200_000, 1<<30) // 62 MB
	answered.serverAnswered()
	list := answered.take(200_000, 200_000)
	if _, size := listMemory(list); list == nil || answered.faulted > size/2 {
		t.Errorf("taken %v, %d of %d bytes faulted in after the answer came", list != nil, answered.faulted, size)
	}
}

// residentPages counts the pages of the size bytes at p that are in memory.
func residentPages(t *testing.T, p unsafe.Pointer, size uintptr) int {
	t.Helper()
	page := uintptr(os.Getpagesize())
	start := uintptr(p) &^ (page - 1)
	vec := make([]byte, (uintptr(p)+size-start+page-1)/page)
	if _, _, errno := unix.Syscall(unix.SYS_MINCORE, start, uintptr(p)+size-start, uintptr(unsafe.Pointer(&vec[0]))); errno != 0 {
		t.Fatalf("mincore: %v", errno)
	}
	resident := 0
	for _, v := range vec {
		resident += int(v & 1)
	}
	return resident
}
