package exec

import (
	"strings"

	"pcsh/modules/lab/engine"
	"pcsh/modules/lab/tsql"
)

// variable is a declared local variable.
type variable struct {
	t   sqlType
	val value
}

// variable reads @name (137 when it was not declared).
func (r *run) variable(name string) (value, error) {
	v, ok := r.vars[strings.ToLower(name)]
	if !ok {
		return value{}, engine.Raise(137, name)
	}
	return v.val, nil
}

// declareVar adds a variable with its type (134 if it exists).
func (r *run) declareVar(name string, t sqlType) error {
	key := strings.ToLower(name)
	if _, ok := r.vars[key]; ok {
		return engine.Raise(134, name)
	}
	r.vars[key] = &variable{t: t, val: value{nil, t}}
	return nil
}

// assign stores a value into a variable, converted to its type.
func (r *run) assign(name string, v value) error {
	vr, ok := r.vars[strings.ToLower(name)]
	if !ok {
		return engine.Raise(137, name)
	}
	c, err := convert(v, vr.t, -1)
	if err != nil {
		return err
	}
	vr.val = c
	return nil
}

// declare runs DECLARE @a type [= value], ….
func (r *run) declare(st *tsql.DeclareStmt) error {
	for _, d := range st.Vars {
		t, err := typeOfName(d.Type, false)
		if err != nil {
			return err
		}
		if err := r.declareVar(d.Name, t); err != nil {
			return err
		}
		if d.Value == nil {
			continue
		}
		v, err := r.eval(d.Value, nil)
		if err != nil {
			return err
		}
		if err := r.assign(d.Name, v); err != nil {
			return err
		}
	}
	return nil
}

// setVar runs SET @a = value and the compound forms (+=, -=, …).
func (r *run) setVar(st *tsql.SetVarStmt) error {
	v, err := r.eval(st.Value, nil)
	if err != nil {
		return err
	}
	if v, err = r.compound(st.Name, st.Op, v); err != nil {
		return err
	}
	if err := r.assign(st.Name, v); err != nil {
		return err
	}
	r.s.rowcount = 1
	return nil
}

// compound applies a compound assignment operator to the variable's
// current value.
func (r *run) compound(name, op string, v value) (value, error) {
	if op == "=" {
		return v, nil
	}
	cur, err := r.variable(name)
	if err != nil {
		return value{}, err
	}
	return arith(strings.TrimSuffix(op, "="), cur, v)
}
