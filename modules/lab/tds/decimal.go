package tds

import (
	"fmt"
	"math/big"

	"pcsh/modules/lab/sqltype"
)

// rescale returns v's unscaled value at the target scale, rounding half
// away from zero when digits are dropped.
func rescale(v sqltype.Decimal, scale uint8) *big.Int {
	u := new(big.Int)
	if v.Unscaled != nil {
		u.Set(v.Unscaled)
	}
	if scale >= v.Scale {
		return u.Mul(u, pow10(scale-v.Scale))
	}
	div := pow10(v.Scale - scale)
	q, r := new(big.Int).QuoRem(u, div, new(big.Int))
	if r.Abs(r).Lsh(r, 1).Cmp(div) >= 0 {
		q.Add(q, big.NewInt(int64(u.Sign())))
	}
	return q
}

func pow10(n uint8) *big.Int {
	return new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(n)), nil)
}

// encodeDecimal encodes v for a NUMERICN of the given size, precision and
// scale: a sign byte (1 = positive) and a little-endian magnitude.
func encodeDecimal(v sqltype.Decimal, t typeInfo) ([]byte, error) {
	u := rescale(v, t.scale)
	b := make([]byte, t.size)
	if u.Sign() >= 0 {
		b[0] = 1
	}
	u.Abs(u)
	if len(u.String()) > int(t.prec) || u.BitLen() > 8*(t.size-1) {
		return nil, fmt.Errorf("tds: decimal does not fit numeric(%d,%d)", t.prec, t.scale)
	}
	mag := u.Bytes()
	for i, c := range mag {
		b[len(mag)-i] = c
	}
	return b, nil
}

// decodeDecimal decodes NUMERICN value bytes.
func decodeDecimal(b []byte, scale uint8) sqltype.Decimal {
	mag := make([]byte, len(b)-1)
	for i := range mag {
		mag[i] = b[len(b)-1-i]
	}
	u := new(big.Int).SetBytes(mag)
	if b[0] == 0 {
		u.Neg(u)
	}
	return sqltype.Decimal{Unscaled: u, Scale: scale}
}
