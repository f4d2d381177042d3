package cmdlet

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// convert turns a value from a call surface (string, bool, int64, float64,
// []any, *Hashtable, *Object, ScriptBlock, nil) into the parameter's kind
// and checks its ValidateSet. A failure is a binding error record.
func convert(p *Param, v any) (any, *ErrorRecord) {
	out, err := convertKind(p.Kind, v)
	if err != nil {
		return nil, usageError("ParameterArgumentTransformationError",
			"Cannot bind parameter '%s': %s.", p.Name, err)
	}
	if len(p.ValidSet) > 0 {
		return validateSet(p, out)
	}
	return out, nil
}

func validateSet(p *Param, v any) (any, *ErrorRecord) {
	check := func(s string) (string, bool) {
		for _, allowed := range p.ValidSet {
			if strings.EqualFold(allowed, s) {
				return allowed, true
			}
		}
		return "", false
	}
	switch x := v.(type) {
	case string:
		if c, ok := check(x); ok {
			return c, nil
		}
		return nil, setError(p, x)
	case []string:
		for i, s := range x {
			c, ok := check(s)
			if !ok {
				return nil, setError(p, s)
			}
			x[i] = c
		}
	}
	return v, nil
}

func setError(p *Param, got string) *ErrorRecord {
	r := usageError("ParameterArgumentValidationError", "Cannot bind parameter '%s': %q is not one of %s.",
		p.Name, got, strings.Join(p.ValidSet, ", "))
	if s := suggest(got, p.ValidSet); s != "" {
		r.Hint = fmt.Sprintf("did you mean '%s'?", s)
	}
	return r
}

func convertKind(k Kind, v any) (any, error) {
	switch k {
	case KindString:
		return toString(v)
	case KindInt:
		return toInt(v)
	case KindFloat:
		return toFloat(v)
	case KindSwitch, KindBool:
		return toBool(v)
	case KindStringArray:
		return toStrings(v)
	case KindObjectArray:
		return toObjects(v), nil
	case KindHashtable:
		return toHashtable(v)
	case KindDuration:
		return toDuration(v)
	case KindScriptBlock:
		if sb, ok := v.(ScriptBlock); ok {
			return sb, nil
		}
		return nil, fmt.Errorf("expected a script block (Lua function), got %s", describe(v))
	}
	return v, nil
}

// describe names a value's type for error messages.
func describe(v any) string {
	switch x := v.(type) {
	case nil:
		return "$null"
	case string:
		return fmt.Sprintf("string %q", x)
	case bool:
		return "boolean"
	case int64, float64:
		return fmt.Sprintf("number %v", x)
	case []any:
		return "array"
	case *Hashtable:
		return "hashtable"
	case *Object:
		return x.TypeName + " object"
	case ScriptBlock:
		return "script block"
	}
	return fmt.Sprintf("%T", v)
}

func toString(v any) (any, error) {
	switch x := v.(type) {
	case string:
		return x, nil
	case int64:
		return strconv.FormatInt(x, 10), nil
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64), nil
	case bool:
		return strconv.FormatBool(x), nil
	}
	return nil, fmt.Errorf("expected string, got %s", describe(v))
}

func toInt(v any) (any, error) {
	switch x := v.(type) {
	case int64:
		return x, nil
	case float64:
		if x != math.Trunc(x) || math.Abs(x) > 1<<53 {
			return nil, fmt.Errorf("expected integer, got %v", x)
		}
		return int64(x), nil
	case string:
		n, err := strconv.ParseInt(strings.TrimSpace(x), 10, 64)
		if err != nil {
			return nil, fmt.Errorf("expected integer, got %q", x)
		}
		return n, nil
	}
	return nil, fmt.Errorf("expected integer, got %s", describe(v))
}

func toFloat(v any) (any, error) {
	switch x := v.(type) {
	case int64:
		return float64(x), nil
	case float64:
		return x, nil
	case string:
		f, err := strconv.ParseFloat(strings.TrimSpace(x), 64)
		if err != nil {
			return nil, fmt.Errorf("expected number, got %q", x)
		}
		return f, nil
	}
	return nil, fmt.Errorf("expected number, got %s", describe(v))
}

func toBool(v any) (any, error) {
	switch x := v.(type) {
	case bool:
		return x, nil
	case int64:
		if x == 0 || x == 1 {
			return x == 1, nil // PowerShell converts 0 and 1 to switches too
		}
	case string:
		switch strings.ToLower(x) {
		case "true", "$true":
			return true, nil
		case "false", "$false":
			return false, nil
		}
	}
	return nil, fmt.Errorf("expected $true or $false, got %s", describe(v))
}

func toStrings(v any) (any, error) {
	if v == nil {
		return []string(nil), nil
	}
	items, ok := v.([]any)
	if !ok {
		items = []any{v}
	}
	out := make([]string, 0, len(items))
	for _, it := range items {
		s, err := toString(it)
		if err != nil {
			return nil, err
		}
		out = append(out, s.(string))
	}
	return out, nil
}

func toObjects(v any) []any {
	if v == nil {
		return nil
	}
	if items, ok := v.([]any); ok {
		return items
	}
	return []any{v}
}

func toHashtable(v any) (any, error) {
	switch x := v.(type) {
	case *Hashtable:
		return x, nil
	case nil:
		return (*Hashtable)(nil), nil
	case []any:
		if len(x) == 0 {
			return &Hashtable{}, nil
		}
	}
	return nil, fmt.Errorf("expected hashtable, got %s", describe(v))
}

func toDuration(v any) (any, error) {
	switch x := v.(type) {
	case int64:
		return time.Duration(x) * time.Second, nil
	case float64:
		return time.Duration(x * float64(time.Second)), nil
	case time.Duration:
		return x, nil
	case string:
		return parseDuration(x)
	}
	return nil, fmt.Errorf("expected a time span, got %s", describe(v))
}

// parseDuration accepts Go durations ("90s", "5m") and TimeSpan text
// ("00:05:00", "1.02:03:04").
func parseDuration(s string) (time.Duration, error) {
	if d, err := time.ParseDuration(s); err == nil {
		return d, nil
	}
	days := 0
	rest := s
	if before, after, ok := strings.Cut(s, "."); ok && strings.Count(after, ":") == 2 {
		n, err := strconv.Atoi(before)
		if err != nil {
			return 0, fmt.Errorf("expected a time span, got %q", s)
		}
		days, rest = n, after
	}
	var h, m, sec int
	if _, err := fmt.Sscanf(rest, "%d:%d:%d", &h, &m, &sec); err != nil {
		return 0, fmt.Errorf("expected a time span such as 00:05:00 or 5m, got %q", s)
	}
	return time.Duration(days*86400+h*3600+m*60+sec) * time.Second, nil
}
