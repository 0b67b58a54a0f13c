package form

import (
	"reflect"
	"testing"
)

func TestWordWrap(t *testing.T) {
	cases := []struct {
		in    string
		width int
		want  []string
	}{
		{"Name         ci-logs", 40, []string{"Name         ci-logs"}},
		{"  Members: member-group-relation.add, members.read", 30, []string{"  Members:", "member-group-relation.add,", "members.read"}},
		{"abcdefghij", 4, []string{"abcd", "efgh", "ij"}},
		{"", 10, []string{""}},
		{"a bb ccc", 4, []string{"a bb", "ccc"}},
	}
	for _, c := range cases {
		if got := wordWrap(c.in, c.width); !reflect.DeepEqual(got, c.want) {
			t.Errorf("wordWrap(%q, %d) = %q, want %q", c.in, c.width, got, c.want)
		}
	}
}
