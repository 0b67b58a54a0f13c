package rest

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/go-json-experiment/json/jsontext"

	"github.com/tokentui/tokentui/client"
)

// GetList fetches a list endpoint and decodes the answer as it arrives
// (see DecodeList for key, found and convert), so neither the whole body
// nor an intermediate []T is ever held: memory grows only with the result.
// A client.Progress in ctx is told the bytes and elements as they come.
func GetList[T, R any](ctx context.Context, c *Client, req Request, key string, convert func(*T) (R, error)) (list []R, found bool, err error) {
	req.List = true
	progress := client.ProgressOf(ctx)
	req.Stream = func(b Body) error {
		list, found, err = decodeListFrom(b, key, convert, progress)
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
// from several goroutines at the same time, and must be safe for that.
func DecodeList[T, R any](resp Response, key string, convert func(*T) (R, error)) (list []R, found bool, err error) {
	b := Body{Reader: bytes.NewReader(resp.Body), Status: resp.Status, Length: int64(len(resp.Body))}
	return decodeListFrom(b, key, convert, nil)
}

// bareMark ends a key that a bare array is accepted for too.
const bareMark = "\x00or-bare"

// BareOrKey is a key for GetList and DecodeList that also takes a bare
// array: Border0 answers either.
func BareOrKey(key string) string { return key + bareMark }

// jsonOptions are encoding/json's: a string may hold invalid UTF-8 (it
// becomes U+FFFD) and an object may repeat a name (the last one counts).
var jsonOptions = []jsontext.Options{jsontext.AllowInvalidUTF8(true), jsontext.AllowDuplicateNames(true)}

func decodeListFrom[T, R any](b Body, key string, convert func(*T) (R, error), progress *client.Progress) (list []R, found bool, err error) {
	// The whitespace cut first keeps hostile whitespace linear in time
	// and out of the decoder's buffer (compact.go).
	spaces := &spaceReader{r: b.Reader}
	in := bufio.NewReader(spaces)
	first, err := checkStart(in, b.Status)
	if err != nil {
		return nil, false, err
	}
	d := &listDecoder{dec: jsontext.NewDecoder(in, jsonOptions...), spaces: spaces, status: b.Status, length: b.Length, progress: progress}
	key, bare := strings.CutSuffix(key, bareMark)
	if key == "" || bare && first == '[' {
		list, found, err = decodeArray(d, "", convert)
	} else {
		list, found, err = decodeEnvelope(d, key, convert)
	}
	if err != nil {
		return nil, false, err
	}
	// One document only, as json.Unmarshal insists.
	if _, err := d.dec.ReadToken(); !errors.Is(err, io.EOF) {
		return nil, false, d.fail(io.ErrUnexpectedEOF, "") // worded "garbled"
	}
	return list, found, nil
}

// checkStart refuses, as jsonBody does, an answer that cannot be JSON at
// all: empty or an HTML page. It looks only at the first non-space byte,
// and returns it.
func checkStart(in *bufio.Reader, status int) (byte, error) {
	for {
		c, err := in.ReadByte()
		if errors.Is(err, io.EOF) {
			return 0, &client.ServerError{Status: status, Message: "the server sent an empty answer where JSON was expected"}
		}
		if err != nil {
			return 0, decodeError(status, err, "")
		}
		switch c {
		case ' ', '\t', '\r', '\n':
			continue
		case '<':
			return 0, &client.ServerError{Status: status, Message: "the server answered with an HTML page, not JSON (is the URL right?)"}
		}
		return c, in.UnreadByte()
	}
}

type listDecoder struct {
	dec      *jsontext.Decoder
	spaces   *spaceReader // what the decoder reads through
	status   int
	length   int64            // the body's announced length, -1 unknown
	progress *client.Progress // told of each element; nil: nobody asked
}

// offset is about how far into the body the decoder is, counting the
// whitespace spaceReader left out.
func (d *listDecoder) offset() int64 {
	return d.dec.InputOffset() + d.spaces.removed
}

func (d *listDecoder) fail(err error, path string) error {
	return decodeError(d.status, err, path)
}

// shapeError says the value at path is not the kind of JSON expected.
func (d *listDecoder) shapeError(path string, got jsontext.Kind, want string) error {
	return &client.ServerError{Status: d.status, Message: fmt.Sprintf(
		"the answer has an unexpected shape (%s is %s, expected %s)", fieldOr(path), jsonKind(got), want)}
}

// more reports whether the object or array just opened has another member,
// reading its closing delimiter when it has not.
func (d *listDecoder) more(path string) (bool, error) {
	switch d.dec.PeekKind() {
	case '}', ']':
		if _, err := d.dec.ReadToken(); err != nil {
			return false, d.fail(err, path)
		}
		return false, nil
	case 0: // an error, which the read reports
		_, err := d.dec.ReadToken()
		return false, d.fail(err, path)
	}
	return true, nil
}

// decodeEnvelope walks a top-level object, skipping every member but key,
// whose array it decodes.
func decodeEnvelope[T, R any](d *listDecoder, key string, convert func(*T) (R, error)) ([]R, bool, error) {
	tok, err := d.dec.ReadToken()
	if err != nil {
		return nil, false, d.fail(err, "")
	}
	if tok.Kind() != '{' {
		return nil, false, d.shapeError("", tok.Kind(), "an object")
	}
	var list []R
	found := false
	for {
		more, err := d.more("")
		if err != nil {
			return nil, false, err
		}
		if !more {
			return list, found, nil
		}
		name, err := d.dec.ReadToken()
		if err != nil {
			return nil, false, d.fail(err, "")
		}
		if !strings.EqualFold(name.String(), key) {
			if err := d.dec.SkipValue(); err != nil {
				return nil, false, d.fail(err, "")
			}
			continue
		}
		list = nil // a repeated key replaces the earlier list; let it go first
		if list, _, err = decodeArray(d, key, convert); err != nil {
			return nil, false, err
		}
		found = true
	}
}

// decodeArray decodes one array (or null) at the decoder's position: the
// decoder cuts it into elements, which an elementBatcher decodes.
func decodeArray[T, R any](d *listDecoder, path string, convert func(*T) (R, error)) ([]R, bool, error) {
	switch kind := d.dec.PeekKind(); kind {
	case 'n':
		if _, err := d.dec.ReadToken(); err != nil {
			return nil, false, d.fail(err, path)
		}
		return nil, true, nil
	case '[':
		if _, err := d.dec.ReadToken(); err != nil {
			return nil, false, d.fail(err, path)
		}
	case '{', '"', '0', 't', 'f':
		return nil, false, d.shapeError(path, kind, "an array")
	default: // no value here: the read says what is wrong
		_, err := d.dec.ReadToken()
		return nil, false, d.fail(err, path)
	}
	e := newElementBatcher(d, path, convert)
	for {
		more, err := d.more(path)
		if err != nil {
			return e.finish(err)
		}
		if !more {
			return e.finish(nil)
		}
		v, err := d.dec.ReadValue()
		if err != nil {
			return e.finish(d.fail(err, path))
		}
		if !e.add(v) {
			return e.finish(nil)
		}
	}
}

// jsonKind names a kind of JSON as encoding/json's UnmarshalTypeError does.
func jsonKind(k jsontext.Kind) string {
	switch k {
	case '{':
		return "object"
	case '[':
		return "array"
	case '"':
		return "string"
	case '0':
		return "number"
	case 't', 'f':
		return "bool"
	}
	return "null"
}
