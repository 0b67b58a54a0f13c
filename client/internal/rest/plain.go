package rest

import (
	"bytes"
	"encoding/json"
	"reflect"
	"unsafe"
)

// Nearly every element of a real token list is plain: an object whose
// strings hold no escape, no control character and nothing beyond ASCII
// (the scanner notes which are not). Such an element is decoded here, in
// one pass that finds each string's end with one IndexByte and writes the
// fields in place, about four times faster than a general decoder, which
// looks at every byte again to learn what the scanner already knew.
//
// It writes only what its result must be encoding/json's for:
// strings, lists of strings, booleans and types with their own
// UnmarshalJSON (given the raw value, as encoding/json gives it, unless
// they know it from its first bytes: PrefixUnmarshaler), each
// key matched as encoding/json matches it (exactly, else without regard to
// ASCII case). Anything else — a key naming another kind of field, a
// value of the wrong kind, a key given twice, a syntax error anywhere, a
// value nested deeper than maxPlainDepth — and it gives up, and the element
// is decoded by decodeElement from scratch. FuzzDecodeListMatchesEncodingJSON
// and each provider's FuzzDecodeList hold its results to encoding/json's.

// plainCodec decodes plain elements into one struct type.
type plainCodec struct {
	fields []plainField // in the struct's order
}

// maxPlainDepth bounds how deeply a value of a key no field has may nest.
const maxPlainDepth = 64

// decode decodes a plain element into *v (zero on entry), its strings
// made in arena, and reports whether it did; when it did not, *v is in any
// state and must be zeroed.
func (c *plainCodec) decode(raw []byte, v unsafe.Pointer, arena *stringArena) bool {
	d := plainReader{b: raw, arena: arena}
	if !d.take('{') {
		return false
	}
	if d.take('}') {
		return d.atEnd()
	}
	var seen uint64
	for {
		key, ok := d.str()
		if !ok || !d.take(':') {
			return false
		}
		i := c.field(key)
		switch {
		case i < 0:
			ok = d.skip(0)
		case seen&(1<<i) != 0:
			return false // given twice: encoding/json's way depends on the kinds
		default:
			seen |= 1 << i
			ok = d.store(&c.fields[i], unsafe.Add(v, c.fields[i].offset))
		}
		if !ok {
			return false
		}
		if d.take(',') {
			continue
		}
		return d.take('}') && d.atEnd()
	}
}

// field is the field a key names, -1 for none: exactly, or else the first
// whose name is the same without regard to ASCII case.
func (c *plainCodec) field(key []byte) int {
	for i := range c.fields {
		if c.fields[i].name == string(key) {
			return i
		}
	}
	for i := range c.fields {
		if upperEqual(key, c.fields[i].upper) {
			return i
		}
	}
	return -1
}

// upperEqual reports whether key, ASCII upper-cased, is upper.
func upperEqual(key []byte, upper string) bool {
	if len(key) != len(upper) {
		return false
	}
	for i, c := range key {
		if 'a' <= c && c <= 'z' {
			c -= 'a' - 'A'
		}
		if c != upper[i] {
			return false
		}
	}
	return true
}

// plainReader reads a plain element: between any two of its tokens at most
// one space (the scanner cut every run of whitespace to one).
type plainReader struct {
	b     []byte
	i     int
	arena *stringArena // where strings are made
}

func (d *plainReader) space() {
	if d.i < len(d.b) && d.b[d.i] == ' ' {
		d.i++
	}
}

func (d *plainReader) peek() byte {
	d.space()
	if d.i < len(d.b) {
		return d.b[d.i]
	}
	return 0
}

// take takes c if it comes next.
func (d *plainReader) take(c byte) bool {
	if d.peek() == c {
		d.i++
		return true
	}
	return false
}

func (d *plainReader) atEnd() bool {
	d.space()
	return d.i == len(d.b)
}

// str reads a string and returns its contents: a plain string ends at its
// next quote.
func (d *plainReader) str() ([]byte, bool) {
	if d.peek() != '"' {
		return nil, false
	}
	end := bytes.IndexByte(d.b[d.i+1:], '"')
	if end < 0 {
		return nil, false
	}
	s := d.b[d.i+1 : d.i+1+end]
	d.i += end + 2
	return s, true
}

// literal takes the literal lit (true, false, null), which must end there.
func (d *plainReader) literal(lit string) bool {
	if d.peek() != lit[0] || !bytes.HasPrefix(d.b[d.i:], []byte(lit)) {
		return false
	}
	d.i += len(lit)
	return d.delimited()
}

// delimited reports whether a number or literal ended where it should: at
// the end, a space or a separator.
func (d *plainReader) delimited() bool {
	if d.i == len(d.b) {
		return true
	}
	switch d.b[d.i] {
	case ' ', ',', '}', ']':
		return true
	}
	return false
}

// store writes the value that comes into the field at p.
func (d *plainReader) store(f *plainField, p unsafe.Pointer) bool {
	switch f.kind {
	case plainString:
		if d.peek() == 'n' {
			return d.literal("null") // leaves a string as it was
		}
		s, ok := d.str()
		if ok {
			*(*string)(p) = d.arena.string(s)
		}
		return ok
	case plainBool:
		switch d.peek() {
		case 't':
			*(*bool)(p) = true
			return d.literal("true")
		case 'f':
			*(*bool)(p) = false
			return d.literal("false")
		}
		return d.literal("null")
	case plainStrings:
		return d.strings((*[]string)(p))
	case plainUnmarshaler, plainKnown:
		d.space()
		u := reflect.NewAt(f.typ, p).Interface().(json.Unmarshaler)
		if f.kind == plainKnown {
			if n := u.(PrefixUnmarshaler).UnmarshalPrefix(d.b[d.i:]); n > 0 {
				d.i += n
				return true
			}
		}
		start := d.i
		if !d.skip(0) {
			return false
		}
		return u.UnmarshalJSON(d.b[start:d.i]) == nil
	}
	return false
}

// strings reads an array of strings (a null among them is ""), or null.
func (d *plainReader) strings(p *[]string) bool {
	switch d.peek() {
	case 'n':
		*p = nil
		return d.literal("null")
	case '[':
		d.i++
	default:
		return false
	}
	// Most lists are short: gathered here, then allocated once, to size.
	var short [8]string
	list := short[:0]
	for more := !d.take(']'); more; {
		if d.peek() == 'n' {
			if !d.literal("null") {
				return false
			}
			list = append(list, "")
		} else {
			s, ok := d.str()
			if !ok {
				return false
			}
			list = append(list, d.arena.string(s))
		}
		if !d.take(',') {
			if !d.take(']') {
				return false
			}
			more = false
		}
	}
	*p = append(make([]string, 0, len(list)), list...) // [] is empty, not nil
	return true
}

// skip reads a value no field wants, checking it is valid JSON.
func (d *plainReader) skip(depth int) bool {
	switch d.peek() {
	case '"':
		_, ok := d.str()
		return ok
	case 't':
		return d.literal("true")
	case 'f':
		return d.literal("false")
	case 'n':
		return d.literal("null")
	case '{':
		return depth < maxPlainDepth && d.skipObject(depth)
	case '[':
		return depth < maxPlainDepth && d.skipArray(depth)
	}
	return d.number()
}

func (d *plainReader) skipObject(depth int) bool {
	d.i++
	if d.take('}') {
		return true
	}
	for {
		if _, ok := d.str(); !ok || !d.take(':') || !d.skip(depth+1) {
			return false
		}
		if d.take(',') {
			continue
		}
		return d.take('}')
	}
}

func (d *plainReader) skipArray(depth int) bool {
	d.i++
	if d.take(']') {
		return true
	}
	for {
		if !d.skip(depth + 1) {
			return false
		}
		if d.take(',') {
			continue
		}
		return d.take(']')
	}
}

// number reads a number as JSON spells one:
// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func (d *plainReader) number() bool {
	b, i := d.b, d.i
	if i < len(b) && b[i] == '-' {
		i++
	}
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case i < len(b) && '1' <= b[i] && b[i] <= '9':
		i = digits(b, i)
	default:
		return false
	}
	if i < len(b) && b[i] == '.' {
		if i++; i == len(b) || b[i] < '0' || b[i] > '9' {
			return false
		}
		i = digits(b, i)
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		if i++; i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if i == len(b) || b[i] < '0' || b[i] > '9' {
			return false
		}
		i = digits(b, i)
	}
	d.i = i
	return d.delimited()
}

// digits is where the run of digits from i ends.
func digits(b []byte, i int) int {
	for i < len(b) && '0' <= b[i] && b[i] <= '9' {
		i++
	}
	return i
}
