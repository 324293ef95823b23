package agreement

import (
	"bytes"
	"encoding/json"
	"math"
	"strconv"
	"strings"
)

// Value is one statistic. An undefined statistic (Defined false) carries the reason in
// Reason and its V is meaningless: it is never a stand-in 0 or 1, and no Value ever holds NaN
// or ±Inf. JSON renders a Value as a plain number, or null when undefined; the reasons reach
// the reader through Report.Notes.
type Value struct {
	V       float64
	Defined bool
	Reason  string
}

// defined wraps a computed number. A NaN or infinite result is a bug or a degenerate case the
// caller failed to catch; it becomes an undefined Value rather than a number.
func defined(v float64) Value {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return Value{Reason: "the computation did not give a finite number"}
	}
	if v == 0 { // normalise -0
		v = 0
	}
	return Value{V: v, Defined: true}
}

// undefined is a statistic that has no value, with the reason why.
func undefined(reason string) Value { return Value{Reason: reason} }

// MarshalJSON renders the number, or null when the statistic is undefined.
func (v Value) MarshalJSON() ([]byte, error) {
	if !v.Defined || math.IsNaN(v.V) || math.IsInf(v.V, 0) {
		return []byte("null"), nil
	}
	return json.Marshal(v.V)
}

// UnmarshalJSON reads a number or null (null gives an undefined Value with no reason).
func (v *Value) UnmarshalJSON(b []byte) error {
	if bytes.Equal(bytes.TrimSpace(b), []byte("null")) {
		*v = Value{}
		return nil
	}
	var f float64
	if err := json.Unmarshal(b, &f); err != nil {
		return err
	}
	*v = Value{V: f, Defined: true}
	return nil
}

// Format renders the value with the given number of decimals, or "undefined". A value that
// rounds to zero has no sign: an interval's limit of −1e-17 (a standard error of rounding) is
// 0.000, not −0.000.
func (v Value) Format(decimals int) string {
	if !v.Defined {
		return "undefined"
	}
	s := strconv.FormatFloat(v.V, 'f', decimals, 64)
	if s[0] == '-' && strings.Trim(s[1:], "0.") == "" {
		s = s[1:]
	}
	return s
}

// String renders the value with three decimals, or "undefined (reason)".
func (v Value) String() string {
	if !v.Defined {
		if v.Reason == "" {
			return "undefined"
		}
		return "undefined (" + v.Reason + ")"
	}
	return v.Format(3)
}
