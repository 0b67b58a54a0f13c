package rest

import (
	"cmp"
	"encoding"
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"sync"
	"unicode"
)

// The fields a plain element is decoded into (plain.go): the struct fields
// encoding/json would match JSON keys with, found by its rules (its
// typeFields, for the kinds of field plain.go writes): exported fields and
// those of embedded structs, named by their tags or Go names, the
// shallowest of a name winning, a tagged one over an untagged one at the
// same depth, neither when two tie.

// plainKind is how a field's value is written.
type plainKind uint8

const (
	// plainOther is any field plain.go does not write (numbers, pointers,
	// maps, a field behind an embedded pointer, a ",string" option…): an
	// element that names it is left to the general decoder.
	plainOther plainKind = iota
	plainString
	plainStrings // []string
	plainBool
	plainUnmarshaler // its UnmarshalJSON is given the raw value
	// plainKnown is a plainUnmarshaler that is a PrefixUnmarshaler too:
	// asked first whether it knows the value from its first bytes.
	plainKnown
)

// PrefixUnmarshaler is a type with an UnmarshalJSON that can also tell a
// value it has been given before from the bytes that begin it, without
// their end being found first: a list's repeated values (GoodAccess's
// scope lists) are then compared once, not read string by string.
type PrefixUnmarshaler interface {
	json.Unmarshaler
	// UnmarshalPrefix may, when data begins with the n bytes of a
	// complete JSON value that UnmarshalJSON has been given and accepted,
	// do what UnmarshalJSON(data[:n]) does and return n; otherwise it
	// does nothing and returns 0 (it need not know every value it was
	// given). A complete value is never the start of another, so the
	// value there is those bytes, whatever follows.
	UnmarshalPrefix(data []byte) (n int)
}

// plainField is one field a key may name.
type plainField struct {
	name   string
	upper  string // the name, ASCII upper-cased: the case-insensitive match
	offset uintptr
	kind   plainKind
	typ    reflect.Type
}

// plainFieldCandidate is a field found while walking the struct, before
// the shallowest of each name is chosen.
type plainFieldCandidate struct {
	plainField
	tagged bool
	index  []int
}

var (
	unmarshalerType     = reflect.TypeFor[json.Unmarshaler]()
	prefixType          = reflect.TypeFor[PrefixUnmarshaler]()
	textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()
	plainCodecs         sync.Map // reflect.Type → *plainCodec, nil when it has none
)

// maxPlainFields bounds the fields of a struct plain.go decodes: which
// fields an element has named is a bit set.
const maxPlainFields = 64

// plainCodecFor is the codec of T, made once per type; nil when T is not
// a struct, has more than maxPlainFields fields, or a field name beyond
// ASCII (whose case-insensitive match encoding/json folds by Unicode rules).
func plainCodecFor[T any]() *plainCodec {
	t := reflect.TypeFor[T]()
	if c, ok := plainCodecs.Load(t); ok {
		return c.(*plainCodec)
	}
	var c *plainCodec
	if t.Kind() == reflect.Struct {
		if fields := plainFields(t); len(fields) <= maxPlainFields && allASCII(fields) {
			c = &plainCodec{fields: fields}
		}
	}
	plainCodecs.Store(t, c)
	return c
}

func allASCII(fields []plainField) bool {
	for _, f := range fields {
		for i := 0; i < len(f.name); i++ {
			if f.name[i] >= 0x80 {
				return false
			}
		}
	}
	return true
}

// plainFields is encoding/json's typeFields for decoding: breadth first
// through embedded structs, each struct type once, a name found twice at
// one depth in embedded structs of the same type annihilating itself.
func plainFields(t reflect.Type) []plainField {
	type level struct {
		typ        reflect.Type
		index      []int
		offset     uintptr
		viaPointer bool
	}
	var current []level
	next := []level{{typ: t}}
	var count, nextCount map[reflect.Type]int
	visited := map[reflect.Type]bool{}
	var found []plainFieldCandidate
	for len(next) > 0 {
		current, next = next, nil
		count, nextCount = nextCount, map[reflect.Type]int{}
		for _, f := range current {
			if visited[f.typ] {
				continue
			}
			visited[f.typ] = true
			for i := 0; i < f.typ.NumField(); i++ {
				sf := f.typ.Field(i)
				name, quoted, ok := jsonName(sf)
				if !ok {
					continue
				}
				index := append(slices.Clip(f.index), i)
				ft := sf.Type
				if ft.Name() == "" && ft.Kind() == reflect.Pointer {
					ft = ft.Elem()
				}
				if name != "" || !sf.Anonymous || ft.Kind() != reflect.Struct {
					c := plainFieldCandidate{tagged: name != "", index: index}
					if name == "" {
						name = sf.Name
					}
					c.name, c.upper, c.typ, c.offset = name, asciiUpper(name), sf.Type, f.offset+sf.Offset
					if !f.viaPointer && !quoted {
						c.kind = plainKindOf(sf.Type)
					}
					found = append(found, c)
					if count[f.typ] > 1 {
						found = append(found, c) // seen twice: annihilated below
					}
					continue
				}
				nextCount[ft]++
				if nextCount[ft] == 1 {
					via := f.viaPointer || sf.Type.Kind() == reflect.Pointer
					next = append(next, level{typ: ft, index: index, offset: f.offset + sf.Offset, viaPointer: via})
				}
			}
		}
	}
	return dominantFields(found)
}

// jsonName is a struct field's name in JSON from its tag ("" when the tag
// names none), whether its ",string" option applies, and ok false when
// encoding/json ignores the field.
func jsonName(sf reflect.StructField) (name string, quoted, ok bool) {
	if sf.Anonymous {
		t := sf.Type
		if t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		if !sf.IsExported() && t.Kind() != reflect.Struct {
			return "", false, false
		}
	} else if !sf.IsExported() {
		return "", false, false
	}
	tag := sf.Tag.Get("json")
	if tag == "-" {
		return "", false, false
	}
	name, opts, _ := strings.Cut(tag, ",")
	if !validTag(name) {
		name = ""
	}
	for _, o := range strings.Split(opts, ",") {
		quoted = quoted || o == "string"
	}
	return name, quoted, true
}

// validTag is encoding/json's isValidTag.
func validTag(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		switch {
		case strings.ContainsRune("!#$%&()*+-./:;<=>?@[]^_{|}~ ", c):
		case !unicode.IsLetter(c) && !unicode.IsDigit(c):
			return false
		}
	}
	return true
}

// plainKindOf is how a field of type t is written: as encoding/json would
// decode it, t's UnmarshalJSON first.
func plainKindOf(t reflect.Type) plainKind {
	pt := reflect.PointerTo(t)
	switch {
	case t.Kind() == reflect.Pointer || t.Kind() == reflect.Interface:
		return plainOther
	case pt.Implements(unmarshalerType):
		if t.Name() == "" {
			return plainOther // encoding/json finds the method only on a named type
		}
		if pt.Implements(prefixType) {
			return plainKnown
		}
		return plainUnmarshaler
	case pt.Implements(textUnmarshalerType):
		return plainOther
	case t.Kind() == reflect.String:
		return plainString
	case t.Kind() == reflect.Bool:
		return plainBool
	case t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.String && t.Elem().NumMethod() == 0 &&
		!reflect.PointerTo(t.Elem()).Implements(unmarshalerType) && !reflect.PointerTo(t.Elem()).Implements(textUnmarshalerType):
		return plainStrings
	}
	return plainOther
}

// dominantFields keeps, of each name, the field encoding/json decodes it
// into, in the struct's order.
func dominantFields(found []plainFieldCandidate) []plainField {
	slices.SortFunc(found, func(a, b plainFieldCandidate) int {
		if c := strings.Compare(a.name, b.name); c != 0 {
			return c
		}
		if c := cmp.Compare(len(a.index), len(b.index)); c != 0 {
			return c
		}
		if a.tagged != b.tagged {
			if a.tagged {
				return -1
			}
			return 1
		}
		return slices.Compare(a.index, b.index)
	})
	var kept []plainFieldCandidate
	for i := 0; i < len(found); {
		j := i + 1
		for j < len(found) && found[j].name == found[i].name {
			j++
		}
		first := found[i]
		if j-i == 1 || len(found[i+1].index) != len(first.index) || found[i+1].tagged != first.tagged {
			kept = append(kept, first)
		}
		i = j
	}
	slices.SortFunc(kept, func(a, b plainFieldCandidate) int { return slices.Compare(a.index, b.index) })
	out := make([]plainField, len(kept))
	for i, c := range kept {
		out[i] = c.plainField
	}
	return out
}

// asciiUpper upper-cases the ASCII letters of s, as encoding/json folds a
// name for its case-insensitive match.
func asciiUpper(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'a' <= c && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
	}
	return string(b)
}
