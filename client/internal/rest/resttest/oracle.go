// Package resttest is test support for the list decoder of package rest:
// the reference it is held to, and its benchmarks' loop. Only tests import
// it.
package resttest

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// bareMark is rest's: a key ending in it takes a bare array too.
const bareMark = "\x00or-bare"

// DecodeList decodes a list answer as rest.DecodeList must, with nothing
// but encoding/json, one element at a time, in order: what rest's faster
// decoder is compared with, result for result (FuzzDecodeList in each
// provider, FuzzDecodeListMatchesEncodingJSON in rest). Its error is only
// a failure: which words rest gives one is rest's own tests' business.
func DecodeList[T, R any](body []byte, key string, convert func(*T) (R, error)) (list []R, found bool, err error) {
	trimmed := bytes.TrimLeft(body, " \t\r\n")
	if len(trimmed) == 0 || trimmed[0] == '<' {
		return nil, false, errors.New("empty or HTML")
	}
	key, bare := strings.CutSuffix(key, bareMark)
	dec := json.NewDecoder(bytes.NewReader(body))
	if key == "" || bare && trimmed[0] == '[' {
		list, found, err = array(dec, convert)
	} else {
		list, found, err = envelope(dec, key, convert)
	}
	if err != nil {
		return nil, false, err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, false, errors.New("more after the document")
	}
	return list, found, nil
}

// Returning makes a convert that writes its result (rest.DecodeList's)
// one that returns it, as DecodeList here takes.
func Returning[T, R any](convert func(*T, *R) error) func(*T) (R, error) {
	return func(t *T) (r R, err error) {
		err = convert(t, &r)
		return r, err
	}
}

func envelope[T, R any](dec *json.Decoder, key string, convert func(*T) (R, error)) ([]R, bool, error) {
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, false, errors.New("not an object")
	}
	var list []R
	found := false
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, false, err
		}
		if name, _ := tok.(string); !strings.EqualFold(name, key) {
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return nil, false, err
			}
			continue
		}
		if list, _, err = array(dec, convert); err != nil {
			return nil, false, err
		}
		found = true
	}
	if _, err := dec.Token(); err != nil {
		return nil, false, err
	}
	return list, found, nil
}

func array[T, R any](dec *json.Decoder, convert func(*T) (R, error)) ([]R, bool, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, false, err
	}
	if tok == nil {
		return nil, true, nil
	}
	if tok != json.Delim('[') {
		return nil, false, errors.New("not an array")
	}
	list := []R{}
	for dec.More() {
		var elem T
		if err := dec.Decode(&elem); err != nil {
			return nil, false, err
		}
		r, err := convert(&elem)
		if err != nil {
			return nil, false, err
		}
		list = append(list, r)
	}
	if _, err := dec.Token(); err != nil {
		return nil, false, err
	}
	return list, true, nil
}

// Same fails t unless the decoder's answer (got, err) is the reference's
// (want, wantErr): both failed, or both gave the same list.
func Same[R any](t testing.TB, body []byte, got []R, err error, want []R, wantErr error) {
	t.Helper()
	if (err == nil) != (wantErr == nil) {
		t.Fatalf("%q: error %v, encoding/json's %v", body, err, wantErr)
	}
	if err == nil && !reflect.DeepEqual(got, want) {
		t.Fatalf("%q:\n got %+v\nwant %+v", body, got, want)
	}
}

// BenchDecode is a provider's decoding benchmark at one size: decode must
// turn body into n tokens.
func BenchDecode(b *testing.B, n int, body []byte, decode func(body []byte) (int, error)) {
	b.Run(strconv.Itoa(n), func(b *testing.B) {
		b.SetBytes(int64(len(body)))
		b.ReportAllocs()
		for b.Loop() {
			if got, err := decode(body); err != nil || got != n {
				b.Fatalf("%d tokens of %d, %v", got, n, err)
			}
		}
	})
}
