package exec

import (
	"math"
	"math/big"

	"pcsh/modules/lab/sqltype"
)

// mathFuncs are ABS, CEILING, FLOOR, ROUND, POWER, SQRT and SIGN.
func mathFuncs() map[string]builtin {
	return map[string]builtin{
		"abs": pure(1, func(a []value) (value, error) {
			if c, err := compare(a[0], value{int64(0), intT()}); a[0].v != nil && err == nil && c < 0 {
				return negate(a[0])
			}
			return a[0], nil
		}),
		"ceiling": roundingFunc(math.Ceil),
		"floor":   roundingFunc(math.Floor),
		"round":   {min: 2, max: 3, fn: func(_ *run, a []value) (value, error) { return round(a) }},
		"power":   floatFunc(2, func(f []float64) float64 { return math.Pow(f[0], f[1]) }),
		"sqrt":    floatFunc(1, func(f []float64) float64 { return math.Sqrt(f[0]) }),
		"sign": pure(1, func(a []value) (value, error) {
			if a[0].v == nil {
				return a[0], nil
			}
			c, err := compare(a[0], value{int64(0), intT()})
			if err != nil {
				return value{}, err
			}
			return convert(value{int64(c), intT()}, a[0].t, -1)
		}),
	}
}

// floatFunc wraps a float function of n arguments.
func floatFunc(n int, f func([]float64) float64) builtin {
	return pure(n, func(a []value) (value, error) {
		if anyNull(a) {
			return value{nil, floatT()}, nil
		}
		fs := make([]float64, n)
		for i, v := range a {
			x, err := toFloat(v)
			if err != nil {
				return value{}, err
			}
			fs[i] = x.(float64)
		}
		return value{f(fs), floatT()}, nil
	})
}

// roundingFunc is CEILING or FLOOR: integers pass, decimals keep their
// type with scale 0, others become float.
func roundingFunc(f func(float64) float64) builtin {
	return pure(1, func(a []value) (value, error) {
		v := a[0]
		switch {
		case v.v == nil || isInteger(v.t):
			return v, nil
		case v.t.Type == sqltype.TypeDecimal:
			r := v.v.(sqltype.Decimal).Rat()
			q := new(big.Int).Div(r.Num(), r.Denom()) // floor for positive denominators
			if f(0.5) == 1 && !r.IsInt() {
				q.Add(q, big.NewInt(1))
			}
			t := decimalT(int(v.t.Precision), 0)
			return value{sqltype.Decimal{Unscaled: q}, t}, nil
		}
		x, err := toFloat(v)
		if err != nil {
			return value{}, err
		}
		return value{f(x.(float64)), floatT()}, nil
	})
}

// round is ROUND(n, length[, truncate]).
func round(a []value) (value, error) {
	if anyNull(a[:2]) {
		return value{nil, a[0].t}, nil
	}
	digits, err := argInt(a[1])
	if err != nil {
		return value{}, err
	}
	trunc := len(a) == 3 && a[2].v != nil && toText(a[2], -1) != "0"
	if isInteger(a[0].t) && digits >= 0 {
		return a[0], nil
	}
	r, err := ratOf(a[0])
	if err != nil {
		return value{}, err
	}
	scale := new(big.Rat).SetFloat64(math.Pow(10, float64(digits)))
	r.Mul(r, scale)
	q := new(big.Int).Quo(r.Num(), r.Denom())
	if !trunc {
		q = roundHalfAway(r)
	}
	res := new(big.Rat).Quo(new(big.Rat).SetInt(q), scale)
	if a[0].t.Type == sqltype.TypeFloat {
		f, _ := res.Float64()
		return value{f, floatT()}, nil
	}
	return convert(value{res.FloatString(int(max(digits, 0))), varchar(60)}, decimalOrInt(a[0].t), -1)
}

func roundHalfAway(r *big.Rat) *big.Int {
	d, _ := ratDecimal(r, decimalT(38, 0))
	if d.Unscaled == nil {
		return new(big.Int)
	}
	return d.Unscaled
}

func decimalOrInt(t sqlType) sqlType {
	if t.Type == sqltype.TypeDecimal {
		return t
	}
	return decimalT(38, 0)
}
