package cmdlet

import (
	"reflect"
	"strings"
	"time"
)

// Property is one named value of an Object.
type Property struct {
	Name  string
	Value any
}

// Object is a typed output object: a type name and ordered properties. Go
// structs written with WriteObject become Objects; Lua sees them as tables.
type Object struct {
	TypeName string
	Props    []Property
	view     []string
}

// NewObject returns an empty object of the given type.
func NewObject(typeName string) *Object { return &Object{TypeName: typeName} }

// Set sets a property, appending it when new.
func (o *Object) Set(name string, v any) *Object {
	for i := range o.Props {
		if strings.EqualFold(o.Props[i].Name, name) {
			o.Props[i].Value = v
			return o
		}
	}
	o.Props = append(o.Props, Property{name, v})
	return o
}

// Get returns a property by case-insensitive name.
func (o *Object) Get(name string) (any, bool) {
	for _, p := range o.Props {
		if strings.EqualFold(p.Name, name) {
			return p.Value, true
		}
	}
	return nil, false
}

// Names returns the property names in order.
func (o *Object) Names() []string {
	out := make([]string, len(o.Props))
	for i, p := range o.Props {
		out[i] = p.Name
	}
	return out
}

// DefaultViewer is implemented by output structs that name the properties
// shown by default (dbatools' Select-DefaultView).
type DefaultViewer interface {
	DefaultView() []string
}

// ToObject converts a value written by a cmdlet into pipeline form: structs
// (and pointers to structs) become *Object with fields in declaration order;
// other values pass through unchanged. Values the host knows (times,
// durations, hashtables, script blocks) pass through too, though Go
// implements them as structs: Get-Date writes a date, not an object
// without properties.
func ToObject(v any) any {
	switch v.(type) {
	case nil, *Object, time.Time, time.Duration, *Hashtable, ScriptBlock:
		return v
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Pointer && !rv.IsNil() && rv.Elem().Kind() == reflect.Struct {
		rv = rv.Elem()
	}
	if rv.Kind() != reflect.Struct {
		return v
	}
	return structObject(rv)
}

func structObject(rv reflect.Value) *Object {
	rt := rv.Type()
	o := &Object{TypeName: rt.Name(), Props: make([]Property, 0, rt.NumField())}
	for i := 0; i < rt.NumField(); i++ {
		f := rt.Field(i)
		if !f.IsExported() || f.Tag.Get("pcsh") == "-" {
			continue
		}
		o.Props = append(o.Props, Property{f.Name, plainValue(rv.Field(i))})
	}
	if dv, ok := rv.Interface().(DefaultViewer); ok {
		o.viewFrom(dv.DefaultView())
	}
	return o
}

// plainValue converts a struct field into a pipeline value: nested structs
// become objects, slices become []any, numbers widen to int64/float64.
func plainValue(v reflect.Value) any {
	switch v.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if v.Type().String() == "time.Duration" {
			return v.Interface()
		}
		return v.Int()
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return int64(v.Uint())
	case reflect.Float32, reflect.Float64:
		return v.Float()
	case reflect.String:
		return v.String()
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return v.Bytes()
		}
		out := make([]any, v.Len())
		for i := range out {
			out[i] = plainValue(v.Index(i))
		}
		return out
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return nil
		}
		return plainValue(v.Elem())
	case reflect.Struct:
		if v.Type().PkgPath() == "time" {
			return v.Interface()
		}
		return structObject(v)
	}
	return v.Interface()
}

func (o *Object) viewFrom(names []string) { o.view = names }

// SetView sets the default display properties.
func (o *Object) SetView(names ...string) *Object { o.view = names; return o }

// DeclaredView returns the default display properties set by SetView or
// a DefaultView, nil when there are none.
func (o *Object) DeclaredView() []string { return o.view }

// View returns the default display properties: the DefaultView when the
// type declares one, otherwise all properties.
func (o *Object) View() []string {
	if len(o.view) > 0 {
		return o.view
	}
	return o.Names()
}
