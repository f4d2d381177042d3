package exec

// nullFuncs are ISNULL, COALESCE, NULLIF and IIF.
func nullFuncs() map[string]builtin {
	return map[string]builtin{
		"isnull": pure(2, func(a []value) (value, error) {
			if a[0].v != nil {
				return a[0], nil
			}
			if a[0].t.Type == 0 {
				return a[1], nil
			}
			return convert(a[1], a[0].t, -1)
		}),
		"coalesce": {min: 2, max: -1, fn: func(_ *run, a []value) (value, error) {
			var t sqlType
			for _, v := range a {
				t = widen(t, v.t)
			}
			for _, v := range a {
				if v.v != nil {
					return convert(v, t, -1)
				}
			}
			return value{nil, t}, nil
		}},
		"nullif": pure(2, func(a []value) (value, error) {
			eq, err := compareOp("=", a[0], a[1])
			if err != nil || truth(eq) {
				return value{nil, a[0].t}, err
			}
			return a[0], nil
		}),
		"iif": pure(3, func(a []value) (value, error) {
			t := widen(a[1].t, a[2].t)
			if truth(a[0].v) {
				return convert(a[1], t, -1)
			}
			return convert(a[2], t, -1)
		}),
	}
}
