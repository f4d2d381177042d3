package exec

import (
	"math/big"
	"strings"

	"pcsh/modules/lab/engine"
	"pcsh/modules/lab/sqltype"
	"pcsh/modules/lab/tsql"
)

// lower is strings.ToLower.
func lower(s string) string { return strings.ToLower(s) }

// isAggregate reports whether a function name is an aggregate.
func isAggregate(name string) bool {
	switch name {
	case "count", "count_big", "sum", "min", "max", "avg":
		return true
	}
	return false
}

// aggregate evaluates COUNT, COUNT_BIG, SUM, MIN, MAX or AVG over the rows
// of the current group.
func (r *run) aggregate(x *tsql.FuncCall, name string, sc *scope) (value, error) {
	if sc == nil || sc.group == nil {
		return value{}, engine.Raise(147)
	}
	if len(x.Args) != 1 {
		return value{}, engine.Raise(174, strings.ToUpper(name), 1)
	}
	if _, star := x.Args[0].(*tsql.StarExpr); star {
		return countResult(name, int64(len(sc.group))), nil
	}
	vals, err := r.groupValues(x, sc)
	if err != nil {
		return value{}, err
	}
	switch name {
	case "count", "count_big":
		return countResult(name, int64(len(vals))), nil
	case "min", "max":
		return extreme(vals, name == "max"), nil
	}
	return sumAvg(vals, name == "avg", r.argType(x.Args[0], sc))
}

// groupValues evaluates the aggregate's argument on every row of the
// group, dropping NULLs (and duplicates for DISTINCT).
func (r *run) groupValues(x *tsql.FuncCall, sc *scope) ([]value, error) {
	var out []value
	for _, row := range sc.group {
		v, err := r.eval(x.Args[0], row)
		if err != nil {
			return nil, err
		}
		if v.v == nil || (x.Distinct && containsValue(out, v)) {
			continue
		}
		out = append(out, v)
	}
	return out, nil
}

// argType is the type of the aggregate's argument, probed on the group's
// first (or a NULL) row.
func (r *run) argType(e tsql.Expr, sc *scope) sqlType {
	v, err := r.eval(e, sc.first())
	if err != nil {
		return intT()
	}
	return v.t
}

func containsValue(vals []value, v value) bool {
	for _, x := range vals {
		if orderCompare(x, v) == 0 {
			return true
		}
	}
	return false
}

func countResult(name string, n int64) value {
	if name == "count_big" {
		return value{n, bigintT()}
	}
	return value{n, intT()}
}

func extreme(vals []value, isMax bool) value {
	if len(vals) == 0 {
		return value{nil, intT()}
	}
	best := vals[0]
	for _, v := range vals[1:] {
		if c := orderCompare(v, best); (isMax && c > 0) || (!isMax && c < 0) {
			best = v
		}
	}
	return best
}

// sumAvg is SUM or AVG: int sums as int (bigint for bigint), decimals
// as decimal(38, s), floats as float.
func sumAvg(vals []value, avg bool, t sqlType) (value, error) {
	rt := sumType(t)
	if len(vals) == 0 {
		return value{nil, rt}, nil
	}
	total := new(big.Rat)
	for _, v := range vals {
		x, err := ratOf(v)
		if err != nil {
			return value{}, err
		}
		total.Add(total, x)
	}
	if avg {
		total.Quo(total, new(big.Rat).SetInt64(int64(len(vals))))
		if isInteger(t) {
			q := new(big.Int).Quo(total.Num(), total.Denom())
			total.SetInt(q)
		}
	}
	if rt.Type == sqltype.TypeFloat {
		f, _ := total.Float64()
		return value{f, rt}, nil
	}
	if rt.Type == sqltype.TypeDecimal {
		d, err := ratDecimal(total, rt)
		return value{d, rt}, err
	}
	return convert(value{total.FloatString(0), varchar(40)}, rt, -1)
}

func sumType(t sqlType) sqlType {
	switch t.Type {
	case sqltype.TypeBigInt:
		return bigintT()
	case sqltype.TypeDecimal:
		return decimalT(38, int(t.Scale))
	case sqltype.TypeFloat:
		return floatT()
	}
	return intT()
}
