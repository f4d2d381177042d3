package sqltype

import "math/big"

// Decimal is a decimal/numeric value: Unscaled * 10^-Scale.
type Decimal struct {
	Unscaled *big.Int
	Scale    uint8
}
