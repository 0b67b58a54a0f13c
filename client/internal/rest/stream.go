package rest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/tokentui/tokentui/client"
)

// minListElement bounds the size hint a caller gives DecodeList: no list
// element worth keeping is shorter than this many bytes of JSON, so a
// hostile answer cannot make the first allocation larger than its own
// length warrants.
const minListElement = 16

// DecodeList decodes a list answer one element at a time. Every element is
// decoded into the same *T (zeroed first) and converted at once, so a large
// list never exists twice, once as []T and once as the result, and the
// decoder holds only about one element's worth of bytes. The result is
// pre-sized to sizeHint (a caller's cheap estimate of the element count).
//
// key "" means the answer is a bare array; otherwise the array is the value
// of that key of a top-level object (matched without regard to case, as
// encoding/json matches field names; the last occurrence wins, as there).
// found is false when the object has no such key; a null array is found
// and empty. Errors are worded as Decode words them.
func DecodeList[T, R any](resp Response, key string, sizeHint int, convert func(*T) (R, error)) (list []R, found bool, err error) {
	body, err := jsonBody(resp)
	if err != nil {
		return nil, false, err
	}
	sizeHint = max(0, min(sizeHint, len(body)/minListElement))
	d := &listDecoder{dec: json.NewDecoder(bytes.NewReader(body)), status: resp.Status}
	if key == "" {
		list, found, err = decodeArray(d, "", sizeHint, convert)
	} else {
		list, found, err = decodeEnvelope(d, key, sizeHint, convert)
	}
	if err != nil {
		return nil, false, err
	}
	// One document only, as json.Unmarshal insists.
	if _, err := d.dec.Token(); !errors.Is(err, io.EOF) {
		return nil, false, d.fail(io.ErrUnexpectedEOF, "")
	}
	return list, found, nil
}

type listDecoder struct {
	dec    *json.Decoder
	status int
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
func decodeEnvelope[T, R any](d *listDecoder, key string, sizeHint int, convert func(*T) (R, error)) ([]R, bool, error) {
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
		if list, _, err = decodeArray(d, key, sizeHint, convert); err != nil {
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
func decodeArray[T, R any](d *listDecoder, path string, sizeHint int, convert func(*T) (R, error)) ([]R, bool, error) {
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
	list := make([]R, 0, sizeHint)
	var elem T
	for d.dec.More() {
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
	return list, true, nil
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
