package cmdlet

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"
)

// Kind is the type of a parameter as the binder converts it.
type Kind int

// The parameter kinds.
const (
	KindString Kind = iota + 1
	KindInt
	KindFloat
	KindSwitch
	KindBool
	KindStringArray
	KindObject
	KindObjectArray
	KindHashtable
	KindDuration
	KindScriptBlock
)

// typeNames are the PowerShell type names shown in help syntax.
var typeNames = map[Kind]string{
	KindString: "String", KindInt: "Int32", KindFloat: "Double", KindSwitch: "SwitchParameter",
	KindBool: "Boolean", KindStringArray: "String[]", KindObject: "Object", KindObjectArray: "Object[]",
	KindHashtable: "Hashtable", KindDuration: "TimeSpan", KindScriptBlock: "ScriptBlock",
}

// kindsByName maps runbook type names (and their PowerShell forms) to kinds.
var kindsByName = map[string]Kind{
	"string": KindString, "int": KindInt, "int32": KindInt, "int64": KindInt, "number": KindFloat,
	"double": KindFloat, "switch": KindSwitch, "bool": KindBool, "boolean": KindBool,
	"string[]": KindStringArray, "object": KindObject, "object[]": KindObjectArray,
	"hashtable": KindHashtable, "timespan": KindDuration, "duration": KindDuration,
	"scriptblock": KindScriptBlock, "function": KindScriptBlock,
}

// Pipeline says how a parameter takes pipeline input.
type Pipeline int

// The pipeline binding modes.
const (
	PipelineNone    Pipeline = iota
	PipelineByValue          // the whole input object (InputObject)
	PipelineByName           // the input object's property of the same name
)

// Param describes one cmdlet parameter.
type Param struct {
	Name      string
	Kind      Kind
	TypeName  string // shown in help: String, Int32, an enum's name, …
	Mandatory bool
	Position  int // -1 when named only
	Aliases   []string
	ValidSet  []string // ValidateSet values, canonical case
	Default   any
	Pipeline  Pipeline
	Remaining bool // takes all positional arguments left over (an array)
	Help      string
	Secret    bool  // a password or other secret (tag flag "secret"); see IsSecret
	field     []int // struct field index, nil for runbook params
}

// IsSwitch reports whether the parameter is a switch.
func (p *Param) IsSwitch() bool { return p.Kind == KindSwitch }

// Matches reports whether name is the parameter's name or an alias,
// case-insensitively.
func (p *Param) Matches(name string) bool {
	if strings.EqualFold(p.Name, name) {
		return true
	}
	for _, a := range p.Aliases {
		if strings.EqualFold(a, name) {
			return true
		}
	}
	return false
}

// Enum is implemented by string types that restrict their values: the
// binder validates against Values and help lists them.
type Enum interface {
	Values() []string
}

var (
	durationType    = reflect.TypeFor[time.Duration]()
	hashtableType   = reflect.TypeFor[*Hashtable]()
	scriptBlockType = reflect.TypeFor[ScriptBlock]()
	anyType         = reflect.TypeFor[any]()
	enumType        = reflect.TypeFor[Enum]()
)

// kindOf maps a Go field type to a parameter kind.
func kindOf(t reflect.Type) (Kind, error) {
	switch {
	case t == durationType:
		return KindDuration, nil
	case t == hashtableType:
		return KindHashtable, nil
	case t == scriptBlockType:
		return KindScriptBlock, nil
	case t == anyType:
		return KindObject, nil
	}
	switch t.Kind() {
	case reflect.String:
		return KindString, nil
	case reflect.Int, reflect.Int32, reflect.Int64:
		return KindInt, nil
	case reflect.Float64:
		return KindFloat, nil
	case reflect.Bool:
		return KindSwitch, nil
	case reflect.Slice:
		if t.Elem().Kind() == reflect.String {
			return KindStringArray, nil
		}
		if t.Elem() == anyType {
			return KindObjectArray, nil
		}
	}
	return 0, fmt.Errorf("unsupported parameter type %s", t)
}

// paramsOf derives the parameter list from a cmdlet struct's tagged fields.
func paramsOf(t reflect.Type) ([]*Param, error) {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct {
		return nil, fmt.Errorf("cmdlet type %s is not a struct", t)
	}
	var out []*Param
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag, ok := f.Tag.Lookup("param")
		if !ok {
			continue
		}
		p, err := fieldParam(f, tag)
		if err != nil {
			return nil, fmt.Errorf("field %s: %w", f.Name, err)
		}
		out = append(out, p)
	}
	return out, nil
}

func fieldParam(f reflect.StructField, tag string) (*Param, error) {
	if !f.IsExported() {
		return nil, fmt.Errorf("parameter field must be exported")
	}
	kind, err := kindOf(f.Type)
	if err != nil {
		return nil, err
	}
	p := &Param{Name: f.Name, Kind: kind, TypeName: typeNames[kind], Position: -1,
		Help: f.Tag.Get("help"), field: f.Index}
	if f.Type.Implements(enumType) && kind == KindString {
		p.ValidSet = reflect.Zero(f.Type).Interface().(Enum).Values()
		p.TypeName = f.Type.Name()
	}
	if err := ParseParamTag(p, tag); err != nil {
		return nil, err
	}
	return p, nil
}

// ParseParamTag applies a `param` struct tag to p. The grammar is a comma
// list of: a bare name (the parameter name, default the field name),
// "mandatory", "remaining", "secret", "position=N", "alias=A|B",
// "set=X|Y" (ValidateSet), "default=V", "pipeline=value|byname", and
// "type=Name" (help type name).
// Spaces around items are ignored, except in a default's value: "default= "
// is a single space (Write-Host's separator).
func ParseParamTag(p *Param, tag string) error {
	for i, part := range strings.Split(tag, ",") {
		key, val, hasVal := strings.Cut(part, "=")
		key = strings.TrimSpace(key)
		if key != "default" {
			val = strings.TrimSpace(val)
		}
		if key == "" && !hasVal {
			continue
		}
		if !hasVal {
			if err := applyFlag(p, i, key); err != nil {
				return err
			}
			continue
		}
		if err := applyOption(p, key, val); err != nil {
			return err
		}
	}
	return nil
}

func applyFlag(p *Param, i int, key string) error {
	switch {
	case key == "mandatory":
		p.Mandatory = true
	case key == "remaining":
		p.Remaining = true
	case key == "secret":
		p.Secret = true
	case i == 0:
		p.Name = key
	default:
		return fmt.Errorf("unknown param tag flag %q", key)
	}
	return nil
}

func applyOption(p *Param, key, val string) error {
	switch key {
	case "position":
		n, err := strconv.Atoi(val)
		if err != nil || n < 0 {
			return fmt.Errorf("bad position %q", val)
		}
		p.Position = n
	case "alias":
		p.Aliases = strings.Split(val, "|")
	case "set":
		p.ValidSet = strings.Split(val, "|")
	case "type":
		p.TypeName = val
	case "default":
		v, err := convert(p, val)
		if err != nil {
			return fmt.Errorf("bad default %q: %s", val, err.Message)
		}
		p.Default = v
	case "pipeline":
		return applyPipeline(p, val)
	default:
		return fmt.Errorf("unknown param tag option %q", key)
	}
	return nil
}

func applyPipeline(p *Param, val string) error {
	switch val {
	case "value":
		p.Pipeline = PipelineByValue
	case "byname":
		p.Pipeline = PipelineByName
	default:
		return fmt.Errorf("bad pipeline mode %q", val)
	}
	return nil
}

// ParamSpec builds a runbook parameter from its declared type name.
func ParamSpec(name, typeName string) (*Param, error) {
	k, ok := kindsByName[strings.ToLower(typeName)]
	if typeName == "" {
		k, ok = KindString, true
	}
	if !ok {
		return nil, fmt.Errorf("unknown parameter type %q", typeName)
	}
	return &Param{Name: name, Kind: k, TypeName: typeNames[k], Position: -1}, nil
}
