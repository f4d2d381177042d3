package format

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"pcsh/runtime/cmdlet"
)

// JSON renders values as indented JSON with properties in object order. A
// single value renders as itself, several as an array, like ConvertTo-Json.
func JSON(objs []any, depth int) (string, error) {
	var b strings.Builder
	var v any = objs
	if len(objs) == 1 {
		v = objs[0]
	}
	if err := writeJSON(&b, v, 0, depth); err != nil {
		return "", err
	}
	return b.String(), nil
}

// JSONArray renders values as one indented JSON array, whatever their
// number ([] for none): --output json and ConvertTo-Json -AsArray.
func JSONArray(objs []any, depth int) (string, error) {
	var b strings.Builder
	if objs == nil {
		objs = []any{}
	}
	if err := writeJSON(&b, objs, 0, depth); err != nil {
		return "", err
	}
	return b.String(), nil
}

func writeJSON(b *strings.Builder, v any, indent, depth int) error {
	switch x := v.(type) {
	case *cmdlet.Object:
		return writeMembers(b, x.Names(), func(i int) any { return x.Props[i].Value }, indent, depth)
	case *cmdlet.Hashtable:
		return writeMembers(b, x.Keys, func(i int) any { return x.Values[i] }, indent, depth)
	case []any:
		return writeArray(b, x, indent, depth)
	case time.Time:
		return writeScalar(b, x.UTC().Format(time.RFC3339Nano))
	case time.Duration:
		return writeScalar(b, durationText(x))
	case cmdlet.ScriptBlock:
		return writeScalar(b, "<script block>")
	}
	return writeScalar(b, v)
}

func writeScalar(b *strings.Builder, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("cannot convert %T to JSON: %w", v, err)
	}
	b.Write(data)
	return nil
}

func writeMembers(b *strings.Builder, keys []string, val func(int) any, indent, depth int) error {
	if depth <= 0 {
		return writeScalar(b, "@{…}")
	}
	if len(keys) == 0 {
		b.WriteString("{}")
		return nil
	}
	b.WriteString("{\n")
	for i, k := range keys {
		b.WriteString(strings.Repeat("  ", indent+1))
		_ = writeScalar(b, k)
		b.WriteString(": ")
		if err := writeJSON(b, val(i), indent+1, depth-1); err != nil {
			return err
		}
		if i < len(keys)-1 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	b.WriteString(strings.Repeat("  ", indent) + "}")
	return nil
}

func writeArray(b *strings.Builder, items []any, indent, depth int) error {
	if len(items) == 0 {
		b.WriteString("[]")
		return nil
	}
	b.WriteString("[\n")
	for i, it := range items {
		b.WriteString(strings.Repeat("  ", indent+1))
		if err := writeJSON(b, it, indent+1, depth); err != nil {
			return err
		}
		if i < len(items)-1 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	b.WriteString(strings.Repeat("  ", indent) + "]")
	return nil
}
