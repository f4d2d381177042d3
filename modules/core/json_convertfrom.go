package core

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strings"

	"pcsh/runtime/cmdlet"
	"pcsh/runtime/format"
)

func init() {
	cmdlet.Register(cmdlet.Info{
		Name:     "ConvertFrom-Json",
		Synopsis: "Converts JSON text to objects.",
		Description: "Joins the input strings (the lines Get-Content writes) and parses them. A JSON object becomes " +
			"an object whose properties keep the document's order (a hashtable with -AsHashtable); a top-level array " +
			"writes its elements one by one unless -NoEnumerate. Whole numbers become integers.",
		Output: "PSCustomObject",
		Examples: []cmdlet.Example{
			{Code: `ConvertFrom-Json '{"Pool":"pc.contoso.com","Servers":["pc1","pc2"]}'`, Remarks: "Writes one object with two properties."},
			{Code: "Get-Content ./pools.json | ConvertFrom-Json | Format-Table", Remarks: "Reads a JSON file into a table."},
		},
		Related: []string{"ConvertTo-Json", "Get-Content"},
		New:     func() cmdlet.Cmdlet { return new(convertFromJSON) },
	})
}

type convertFromJSON struct {
	InputObject []any `param:"position=0,mandatory,pipeline=value" help:"The JSON text, whole or in lines."`
	AsHashtable bool  `param:"" help:"Makes JSON objects hashtables instead of objects."`
	NoEnumerate bool  `param:"" help:"Writes a top-level array as one value."`
}

// Process parses the joined input and writes the values.
func (c *convertFromJSON) Process(ctx *cmdlet.Context) error {
	parts := make([]string, len(c.InputObject))
	for i, v := range c.InputObject {
		parts[i] = format.Text(v)
	}
	dec := json.NewDecoder(strings.NewReader(strings.Join(parts, "\n")))
	dec.UseNumber()
	for dec.More() {
		v, err := c.value(dec)
		if errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF // the text ended inside a value
		}
		if err != nil {
			return cmdlet.Errorf(cmdlet.CategoryInvalidData, "JsonParseFailed", "", "Cannot convert the JSON text: %v.", err)
		}
		if list, ok := v.([]any); ok && !c.NoEnumerate {
			for _, it := range list {
				ctx.WriteObject(it)
			}
			continue
		}
		ctx.WriteObject(v)
	}
	return nil
}

// value reads one JSON value, keeping the order of object keys.
func (c *convertFromJSON) value(dec *json.Decoder) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		if t == '[' {
			return c.array(dec)
		}
		return c.object(dec)
	case json.Number:
		if n, err := t.Int64(); err == nil && !bytes.ContainsAny([]byte(t), ".eE") {
			return n, nil
		}
		return t.Float64()
	}
	return tok, nil // string, bool or nil
}

func (c *convertFromJSON) array(dec *json.Decoder) (any, error) {
	list := []any{}
	for dec.More() {
		v, err := c.value(dec)
		if err != nil {
			return nil, err
		}
		list = append(list, v)
	}
	_, err := dec.Token() // ]
	return list, err
}

func (c *convertFromJSON) object(dec *json.Decoder) (any, error) {
	obj, table := cmdlet.NewObject("PSCustomObject"), &cmdlet.Hashtable{}
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return nil, err
		}
		v, err := c.value(dec)
		if err != nil {
			return nil, err
		}
		obj.Set(key.(string), v)
		table.Set(key.(string), v)
	}
	if _, err := dec.Token(); err != nil { // }
		return nil, err
	}
	if c.AsHashtable {
		return table, nil
	}
	return obj, nil
}
