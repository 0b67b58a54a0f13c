package rest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/tokentui/tokentui/client"
)

// GetList fetches a list endpoint and decodes the answer as it arrives
// (see DecodeList for key, found and convert), so neither the whole body
// nor an intermediate []T is ever held: memory grows only with the result.
// A client.Progress in ctx is told the bytes and elements as they come.
func GetList[T, R any](ctx context.Context, c *Client, req Request, key string, convert func(t *T, r *R) error) (list []R, found bool, err error) {
	req.List = true
	progress := client.ProgressOf(ctx)
	prepared := prepareList[R](progress.TakeExpected(), int64(c.cfg.ListBody/minListElement))
	defer prepared.release()
	req.Stream = func(b Body) error {
		prepared.serverAnswered()
		list, found, err = decodeListFrom(b, key, convert, progress, prepared)
		return err
	}
	if _, err := c.Do(ctx, req); err != nil {
		return nil, false, err
	}
	return list, found, nil
}

// DecodeList decodes a buffered list answer one element at a time, into
// converted results: a large list never exists twice, once as []T and once
// as the result.
//
// key "" means the answer is a bare array; otherwise the array is the value
// of that key of a top-level object (matched without regard to case, as
// encoding/json matches field names; the last occurrence wins, as there).
// BareOrKey(key) takes either. found is false when the object has no such
// key; a null array is found and nil, an empty one found and empty (not
// nil). Errors are worded as Decode words them.
//
// Elements are decoded as encoding/json would decode each into a T (see
// decodeElement), several at once on a large list: convert may be called
// from several goroutines at the same time, and must be safe for that. It
// writes each result in its place in the list, r, zero on entry: a result
// of a few hundred bytes returned would be copied twice on its way there.
func DecodeList[T, R any](resp Response, key string, convert func(t *T, r *R) error) (list []R, found bool, err error) {
	b := Body{Reader: bytes.NewReader(resp.Body), Status: resp.Status, Length: int64(len(resp.Body))}
	return decodeListFrom[T, R](b, key, convert, nil, nil)
}

// bareMark ends a key that a bare array is accepted for too.
const bareMark = "\x00or-bare"

// BareOrKey is a key for GetList and DecodeList that also takes a bare
// array: Border0 answers either.
func BareOrKey(key string) string { return key + bareMark }

// decodeListFrom decodes a list answer from b; its list goes into prepared
// if that holds it (nil: none).
func decodeListFrom[T, R any](b Body, key string, convert func(*T, *R) error, progress *client.Progress, prepared *preparedList[R]) (list []R, found bool, err error) {
	s := newListScanner(b.Reader)
	first, err := checkStart(s, b.Status)
	if err != nil {
		return nil, false, err
	}
	d := &listDecoder{s: s, status: b.Status, length: b.Length, progress: progress, prepared: prepared}
	key, bare := strings.CutSuffix(key, bareMark)
	if key == "" || bare && first == '[' {
		list, found, err = decodeArray(d, "", convert)
	} else {
		list, found, err = decodeEnvelope(d, key, convert)
	}
	if err != nil {
		return nil, false, err
	}
	if !s.atEnd() { // one document only, as json.Unmarshal insists
		return nil, false, d.fail(s.failed(), "")
	}
	return list, found, nil
}

// checkStart refuses, as jsonBody does, an answer that cannot be JSON at
// all: empty or an HTML page. It looks only at the first non-space byte,
// and returns it.
func checkStart(s *listScanner, status int) (byte, error) {
	c, ok := s.peek()
	switch {
	case !ok && errors.Is(s.err, io.EOF):
		return 0, &client.ServerError{Status: status, Message: "the server sent an empty answer where JSON was expected"}
	case !ok:
		return 0, decodeError(status, s.err, "")
	case c == '<':
		return 0, &client.ServerError{Status: status, Message: "the server answered with an HTML page, not JSON (is the URL right?)"}
	}
	return c, nil
}

type listDecoder struct {
	s        *listScanner
	scratch  []byte // a value that is not kept: a key, a member skipped
	status   int
	length   int64            // the body's announced length, -1 unknown
	progress *client.Progress // told of each element; nil: nobody asked
	prepared any              // the *preparedList[R] for the results (nil: none)
}

// offset is about how far into the body the decoder is.
func (d *listDecoder) offset() int64 { return d.s.offset() }

func (d *listDecoder) fail(err error, path string) error {
	return decodeError(d.status, err, path)
}

// notA says why the value at path is not the kind expected (want): an
// object or array is a wrong shape at once; anything else is read first,
// and is garbled unless it is valid JSON of another kind. null is no
// error where null is allowed (nullOK), and then ok is true.
func (d *listDecoder) notA(path, want string, nullOK bool) (ok bool, err error) {
	c, _ := d.s.peek()
	if c == '{' || c == '[' {
		return false, d.shapeError(path, c, want)
	}
	raw, err := d.s.value(d.scratch[:0])
	d.scratch = raw
	switch {
	case err != nil:
		return false, d.fail(err, path)
	case !json.Valid(raw):
		return false, d.fail(errGarbled, path)
	case nullOK && string(raw) == "null":
		return true, nil
	}
	return false, d.shapeError(path, raw[0], want)
}

// shapeError says the value at path, starting with c, is not the kind of
// JSON expected.
func (d *listDecoder) shapeError(path string, c byte, want string) error {
	return &client.ServerError{Status: d.status, Message: fmt.Sprintf(
		"the answer has an unexpected shape (%s is %s, expected %s)", fieldOr(path), JSONKind(c), want)}
}

// next is what follows a member or an element: true after a comma, false
// at the closing bracket.
func (d *listDecoder) next(closing byte, path string) (bool, error) {
	c, ok := d.s.peek()
	switch {
	case !ok:
		return false, d.fail(d.s.failed(), path)
	case c == ',':
		d.s.pos++
		return true, nil
	case c == closing:
		d.s.pos++
		return false, nil
	}
	return false, d.fail(errGarbled, path)
}

// empty takes the closing bracket of an empty object or array, if that is
// what comes.
func (d *listDecoder) empty(closing byte) bool {
	if c, ok := d.s.peek(); ok && c == closing {
		d.s.pos++
		return true
	}
	return false
}

// decodeEnvelope walks a top-level object, skipping every member but key,
// whose array it decodes.
func decodeEnvelope[T, R any](d *listDecoder, key string, convert func(*T, *R) error) ([]R, bool, error) {
	if c, _ := d.s.peek(); c != '{' {
		_, err := d.notA("", "an object", false)
		return nil, false, err
	}
	d.s.pos++
	var list []R
	found := false
	for more := !d.empty('}'); more; {
		name, err := d.key()
		if err != nil {
			return nil, false, err
		}
		if !strings.EqualFold(name, key) {
			if err := d.skip(); err != nil {
				return nil, false, err
			}
		} else {
			list = nil // a repeated key replaces the earlier list; let it go first
			if list, _, err = decodeArray(d, key, convert); err != nil {
				return nil, false, err
			}
			found = true
		}
		if more, err = d.next('}', ""); err != nil {
			return nil, false, err
		}
	}
	return list, found, nil
}

// key reads a member's name and its colon.
func (d *listDecoder) key() (string, error) {
	if c, ok := d.s.peek(); ok && c != '"' {
		return "", d.fail(errGarbled, "")
	}
	raw, err := d.s.value(d.scratch[:0])
	d.scratch = raw
	var name string
	if err == nil {
		err = json.Unmarshal(raw, &name)
	}
	if err == nil {
		err = d.s.expect(':')
	}
	if err != nil {
		return "", d.fail(err, "")
	}
	return name, nil
}

// skip reads a member's value that is not wanted: it must be valid JSON
// all the same, as encoding/json would have it.
func (d *listDecoder) skip() error {
	raw, err := d.s.value(d.scratch[:0])
	d.scratch = raw
	if err == nil && !json.Valid(raw) {
		err = errGarbled
	}
	if err != nil {
		return d.fail(err, "")
	}
	return nil
}

// decodeArray decodes one array (or null) at the decoder's position: the
// scanner cuts it into elements, which an elementBatcher decodes.
func decodeArray[T, R any](d *listDecoder, path string, convert func(*T, *R) error) ([]R, bool, error) {
	if c, _ := d.s.peek(); c != '[' {
		null, err := d.notA(path, "an array", true)
		return nil, null, err
	}
	d.s.pos++
	e := newElementBatcher(d, path, convert)
	for more := !d.empty(']'); more; {
		if err := e.add(d.s); err != nil {
			return e.finish(d.fail(err, path))
		}
		if e.err != nil { // an element failed: reading on would only cost time
			return e.finish(nil)
		}
		var err error
		if more, err = d.next(']', path); err != nil {
			return e.finish(err)
		}
	}
	return e.finish(nil)
}

// JSONKind names the kind of JSON a value starting with c is, as
// encoding/json's UnmarshalTypeError does: for a provider's UnmarshalJSON
// that refuses a kind, in encoding/json's words.
func JSONKind(c byte) string {
	switch c {
	case '{':
		return "object"
	case '[':
		return "array"
	case '"':
		return "string"
	case 't', 'f':
		return "bool"
	case 'n':
		return "null"
	}
	return "number"
}
