package rest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/tokentui/tokentui/client"
)

// GetList fetches a list endpoint and decodes the answer as it arrives
// (see DecodeList for key, found and convert), so neither the whole body
// nor an intermediate []T is ever held: memory grows only with the result.
func GetList[T, R any](ctx context.Context, c *Client, req Request, key string, convert func(*T) (R, error)) (list []R, found bool, err error) {
	req.List = true
	req.Stream = func(b Body) error {
		list, found, err = decodeListFrom(b, key, convert)
		return err
	}
	if _, err := c.Do(ctx, req); err != nil {
		return nil, false, err
	}
	return list, found, nil
}

// DecodeList decodes a buffered list answer one element at a time. Every
// element is decoded into the same *T (zeroed first) and converted at once,
// so a large list never exists twice, once as []T and once as the result,
// and the decoder holds only about one element's worth of bytes.
//
// key "" means the answer is a bare array; otherwise the array is the value
// of that key of a top-level object (matched without regard to case, as
// encoding/json matches field names; the last occurrence wins, as there).
// found is false when the object has no such key; a null array is found
// and nil, an empty one found and empty (not nil). Errors are worded as Decode words them.
func DecodeList[T, R any](resp Response, key string, convert func(*T) (R, error)) (list []R, found bool, err error) {
	b := Body{Reader: bytes.NewReader(resp.Body), Status: resp.Status, Length: int64(len(resp.Body))}
	return decodeListFrom(b, key, convert)
}

func decodeListFrom[T, R any](b Body, key string, convert func(*T) (R, error)) (list []R, found bool, err error) {
	spaces := &spaceReader{r: b.Reader}
	in := bufio.NewReader(spaces)
	if err := checkStart(in, b.Status); err != nil {
		return nil, false, err
	}
	d := &listDecoder{dec: json.NewDecoder(in), spaces: spaces, status: b.Status, length: b.Length}
	if key == "" {
		list, found, err = decodeArray(d, "", convert)
	} else {
		list, found, err = decodeEnvelope(d, key, convert)
	}
	if err != nil {
		return nil, false, err
	}
	// One document only, as json.Unmarshal insists.
	if _, err := d.dec.Token(); !errors.Is(err, io.EOF) {
		return nil, false, d.fail(io.ErrUnexpectedEOF, "") // worded "garbled"
	}
	return list, found, nil
}

// checkStart refuses, as jsonBody does, an answer that cannot be JSON at
// all: empty or an HTML page. It looks only at the first non-space byte.
func checkStart(in *bufio.Reader, status int) error {
	for {
		c, err := in.ReadByte()
		if errors.Is(err, io.EOF) {
			return &client.ServerError{Status: status, Message: "the server sent an empty answer where JSON was expected"}
		}
		if err != nil {
			return decodeError(status, err, "")
		}
		switch c {
		case ' ', '\t', '\r', '\n':
			continue
		case '<':
			return &client.ServerError{Status: status, Message: "the server answered with an HTML page, not JSON (is the URL right?)"}
		}
		return in.UnreadByte()
	}
}

type listDecoder struct {
	dec    *json.Decoder
	spaces *spaceReader // what the decoder reads through
	status int
	length int64 // the body's announced length, -1 unknown
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
func (d *listDecoder) shapeError(path string, got json.Token, want string) error {
	return &client.ServerError{Status: d.status, Message: fmt.Sprintf(
		"the answer has an unexpected shape (%s is %s, expected %s)", fieldOr(path), jsonKind(got), want)}
}

// decodeEnvelope walks a top-level object, skipping every member but key,
// whose array it decodes.
func decodeEnvelope[T, R any](d *listDecoder, key string, convert func(*T) (R, error)) ([]R, bool, error) {
	tok, err := d.dec.Token()
	if err != nil {
		return nil, false, d.fail(err, "")
	}
	if tok != json.Delim('{') {
		return nil, false, d.shapeError("", tok, "an object")
	}
	var list []R
	found := false
	for d.dec.More() {
		tok, err := d.dec.Token()
		if err != nil {
			return nil, false, d.fail(err, "")
		}
		name, _ := tok.(string)
		if !strings.EqualFold(name, key) {
			var skip json.RawMessage
			if err := d.dec.Decode(&skip); err != nil {
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
	if _, err := d.dec.Token(); err != nil { // the closing '}'
		return nil, false, d.fail(err, "")
	}
	return list, found, nil
}

// decodeArray decodes one array (or null) at the decoder's position.
func decodeArray[T, R any](d *listDecoder, path string, convert func(*T) (R, error)) ([]R, bool, error) {
	tok, err := d.dec.Token()
	if err != nil {
		return nil, false, d.fail(err, path)
	}
	if tok == nil {
		return nil, true, nil
	}
	if tok != json.Delim('[') {
		return nil, false, d.shapeError(path, tok, "an array")
	}
	var list []R
	var elem T
	for d.dec.More() {
		if len(list) == cap(list) {
			list = growList(d, list)
		}
		var zero T
		elem = zero
		if err := d.dec.Decode(&elem); err != nil {
			return nil, false, d.fail(err, path)
		}
		r, err := convert(&elem)
		if err != nil {
			return nil, false, err
		}
		list = append(list, r)
	}
	if _, err := d.dec.Token(); err != nil { // the closing ']'
		return nil, false, d.fail(err, path)
	}
	if list == nil {
		list = []R{} // [] is empty, not null; allocates nothing
	}
	return list, true, nil
}

// minListElement bounds an estimated element count: no list element worth
// keeping is shorter than this many bytes of JSON, so a hostile length
// cannot make an allocation larger than the body warrants.
const minListElement = 16

// firstEstimate is how many elements are decoded before the list's length
// is estimated: enough for a fair average element size.
const firstEstimate = 256

// growList makes room in a full list. Once a few elements are in, the bytes
// they took and the body's length give the element count to expect, so a
// 100 000-token list is allocated about twice, not a dozen times with each
// old copy still alive while the new one fills (append's way); 4% slack
// covers elements of uneven size. Without a length, append decides.
func growList[R any](d *listDecoder, list []R) []R {
	n := len(list)
	read := d.offset()
	if n == 0 {
		if d.length > 0 {
			return make([]R, 0, firstEstimate)
		}
		return list
	}
	if d.length <= 0 || read <= 0 || read >= d.length {
		return list
	}
	want := int(int64(n) * d.length / read)
	want += want/25 + 16
	want = min(want, int(d.length/minListElement)) // bounded by what the body can hold
	if want <= n {
		return list
	}
	return slices.Grow(list, want-n)
}

// jsonKind names the kind of JSON a token starts, as encoding/json's
// UnmarshalTypeError does.
func jsonKind(tok json.Token) string {
	switch tok.(type) {
	case json.Delim:
		if tok == json.Delim('{') {
			return "object"
		}
		return "array"
	case string:
		return "string"
	case float64, json.Number:
		return "number"
	case bool:
		return "bool"
	}
	return "null"
}
