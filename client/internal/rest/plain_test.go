package rest

import (
	"reflect"
	"testing"
	"unsafe"
)

// The fields a key can name are encoding/json's, each with the way the
// plain decoder writes it.
func TestPlainFields(t *testing.T) {
	c := plainCodecFor[embedded]()
	if c == nil {
		t.Fatal("no codec for a struct of plain fields")
	}
	got := map[string]plainKind{}
	for _, f := range c.fields {
		got[f.name] = f.kind
	}
	want := map[string]plainKind{
		"id": plainString, "scopes": plainStrings, "Secure": plainBool, "Label": plainString, "deep": plainBool,
		"Deep": plainString, "behind": plainOther, "name": plainString, "Name": plainString, "Untagged": plainString, "when": plainUnmarshaler,
		"ptr": plainOther, "q": plainOther, "-": plainString, "Bad": plainString,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("fields %v\nwant %v", got, want)
	}
	for _, none := range []func() *plainCodec{plainCodecFor[int], plainCodecFor[[]string], plainCodecFor[struct{ Ä string }]} {
		if none() != nil {
			t.Error("a codec for a type that is not a struct of ASCII names")
		}
	}
}

// A plain element is decoded by the plain decoder itself, not handed on.
func TestPlainDecodes(t *testing.T) {
	raw := []byte(`{"id":"a", "scopes":["x",null],"secure":true,"label":"l","when":{"k":[1,2.5e-3,"s"]},"other":null}`)
	var e embedded
	if !plainCodecFor[embedded]().decode(raw, unsafe.Pointer(&e), &stringArena{}) {
		t.Fatal("a plain element was not decoded")
	}
	want := embedded{embeddedBase: embeddedBase{ID: "a", Scopes: []string{"x", ""}, Secure: true}, When: rawWhen{`{"k":[1,2.5e-3,"s"]}`}}
	want.Tagged = "l"
	if !reflect.DeepEqual(e, want) {
		t.Errorf("decoded %+v\nwant %+v", e, want)
	}
	for _, giveUp := range []string{`{"behind":"b"}`, `{"id":"a","ID":"b"}`, `{"id":1}`, `{"x":01}`, `{"id":"a"} x`, `[]`, `null`} {
		var e embedded
		if plainCodecFor[embedded]().decode([]byte(giveUp), unsafe.Pointer(&e), &stringArena{}) {
			t.Errorf("%s: decoded, want it handed to the general decoder", giveUp)
		}
	}
}
