package history

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"github.com/tokentui/tokentui/client"
)

// MaxSize is the size past which the file is rotated: a few thousand
// records. With the one rotated file kept, history takes at most twice
// this.
const MaxSize = 1 << 20

// maxLine bounds one record: a line longer than this is not one of ours.
const maxLine = 64 << 10

// maxWarnings bounds the warnings Read returns; the last one counts the rest.
const maxWarnings = 5

// File is the history file at Path, rotated past MaxSize (tests set a
// smaller Limit). Safe for concurrent use within a process; between
// processes each record is one append, which the system keeps whole.
type File struct {
	Path  string
	Limit int64 // 0 means MaxSize
	mu    sync.Mutex
}

// Where is the file's path.
func (f *File) Where() string { return f.Path }

// rotated is the previous file, kept after a rotation.
func (f *File) rotated() string {
	return strings.TrimSuffix(f.Path, ".jsonl") + ".1.jsonl"
}

func (f *File) limit() int64 {
	if f.Limit > 0 {
		return f.Limit
	}
	return MaxSize
}

// Append writes the records as lines, in one write, creating the file
// (0600) and its directory (0700) if needed and rotating it first when it
// would grow past the limit.
func (f *File) Append(recs ...Record) error {
	if len(recs) == 0 {
		return nil
	}
	var buf bytes.Buffer
	for _, r := range recs {
		line, err := json.Marshal(r.clean())
		if err != nil {
			return err
		}
		buf.Write(line)
		buf.WriteByte('\n')
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := os.MkdirAll(filepath.Dir(f.Path), 0o700); err != nil {
		return fmt.Errorf("history: %w", err)
	}
	file, err := f.openForAppend(int64(buf.Len()))
	if err != nil {
		return fmt.Errorf("history: %w", err)
	}
	_, err = file.Write(buf.Bytes())
	if cerr := file.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("history: %w", err)
	}
	return nil
}

// openForAppend opens the file for appending n more bytes, rotating it
// first when they would take it past the limit, and makes it private.
func (f *File) openForAppend(n int64) (*os.File, error) {
	file, err := os.OpenFile(f.Path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	info, err := file.Stat()
	if err != nil {
		file.Close()
		return nil, err
	}
	if info.Mode().Perm() != 0o600 {
		// Made by hand, or by an older umask: it names every token.
		if err := file.Chmod(0o600); err != nil {
			file.Close()
			return nil, err
		}
	}
	if info.Size() == 0 || info.Size()+n <= f.limit() {
		return file, nil
	}
	file.Close()
	// Only the file we measured is moved: another process may have
	// rotated it meanwhile.
	if cur, err := os.Stat(f.Path); err == nil && os.SameFile(cur, info) {
		if err := os.Rename(f.Path, f.rotated()); err != nil {
			return nil, err
		}
	}
	return os.OpenFile(f.Path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
}

// Read returns the records of the rotated file and the current one,
// oldest first. A missing file is no history yet, not an error.
func (f *File) Read() ([]Record, []string, error) {
	var recs []Record
	var warnings []string
	skipped := 0
	for _, path := range []string{f.rotated(), f.Path} {
		r, bad, err := readFile(path, 4*f.limit())
		if err != nil {
			return recs, warnings, fmt.Errorf("history: %w", err)
		}
		recs = append(recs, r...)
		for _, line := range bad {
			if len(warnings) < maxWarnings-1 {
				warnings = append(warnings, fmt.Sprintf("%s line %d is not a history record: skipped", path, line))
			} else {
				skipped++
			}
		}
	}
	if skipped > 0 {
		warnings = append(warnings, strconv.Itoa(skipped)+" more lines are not history records: skipped")
	}
	return recs, warnings, nil
}

// readFile reads the records of one file, at most the last max bytes of
// it (a file grown past any rotation by hand), and the numbers of the
// lines that are not records.
func readFile(path string, max int64) ([]Record, []int, error) {
	file, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	defer file.Close()
	var r io.Reader = file
	if info, err := file.Stat(); err == nil && info.Size() > max {
		if _, err := file.Seek(info.Size()-max, io.SeekStart); err != nil {
			return nil, nil, err
		}
		br := bufio.NewReader(file)
		if _, err := br.ReadString('\n'); err != nil { // a line cut in two
			return nil, nil, nil
		}
		r = br
	}
	return parse(r)
}

// parse reads JSON lines; blank lines are ignored, others that are not a
// record (or longer than any record) are counted by number.
func parse(r io.Reader) ([]Record, []int, error) {
	br := bufio.NewReader(r)
	var recs []Record
	var bad []int
	for n := 1; ; n++ {
		line, long, err := readLine(br)
		if err != nil && err != io.EOF {
			return recs, bad, err
		}
		line = bytes.TrimSpace(line)
		var rec Record
		switch {
		case long:
			bad = append(bad, n)
		case len(line) == 0:
		case json.Unmarshal(line, &rec) != nil || rec.Action == "" || rec.Time.IsZero():
			bad = append(bad, n)
		default:
			recs = append(recs, rec.clean())
		}
		if err == io.EOF {
			return recs, bad, nil
		}
	}
}

// readLine reads one line without its newline; a line longer than maxLine
// is read to its end and dropped (long).
func readLine(br *bufio.Reader) (line []byte, long bool, err error) {
	for {
		part, err := br.ReadSlice('\n')
		if !long {
			line = append(line, part...)
			long = len(line) > maxLine
		}
		if err != bufio.ErrBufferFull {
			if long {
				line = nil
			}
			return bytes.TrimSuffix(line, []byte("\n")), long, err
		}
	}
}

// clean scrubs and sanitises every string of a record: written, so no
// secret the process knows reaches the file even where a server echoed
// one into a name; read, so a file edited by hand cannot put an escape
// sequence on the screen.
func (r Record) clean() Record {
	s := func(v string) string { return client.Scrub(client.Sanitize(v)) }
	all := func(vs []string) []string {
		if len(vs) == 0 {
			return []string{}
		}
		out := make([]string, len(vs))
		for i, v := range vs {
			out[i] = s(v)
		}
		return out
	}
	r.Action, r.Outcome, r.Via, r.Profile, r.Provider = s(r.Action), s(r.Outcome), s(r.Via), s(r.Profile), s(r.Provider)
	r.TokenID, r.Name, r.Role, r.Environment, r.Owner = s(r.TokenID), s(r.Name), s(r.Role), s(r.Environment), s(r.Owner)
	r.ExpiresAt, r.PreviousExpiresAt, r.Replaces, r.Error = s(r.ExpiresAt), s(r.PreviousExpiresAt), s(r.Replaces), s(r.Error)
	r.Scopes, r.Projects, r.AllowedIPs = all(r.Scopes), all(r.Projects), all(r.AllowedIPs)
	return r
}

// Memory keeps records for the life of the process: the demo's history,
// which would only litter the real one.
type Memory struct {
	mu   sync.Mutex
	recs []Record
}

// Append keeps the records.
func (m *Memory) Append(recs ...Record) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, r := range recs {
		m.recs = append(m.recs, r.clean())
	}
	return nil
}

// Read returns what was kept.
func (m *Memory) Read() ([]Record, []string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]Record(nil), m.recs...), nil, nil
}

// Where says the records are not on disk.
func (m *Memory) Where() string { return "memory (the demo's actions are not written to disk)" }
