package main

import (
	"errors"
	"flag"
	"fmt"
	"maps"
	"slices"
	"strings"

	"supportal/internal/i18n"
	"supportal/internal/model"
)

// explain turns an error of a service into the one line a person at the
// command line needs: a taken address or name is said plainly (conflict
// names what collided), and each invalid field is named with the English
// text of its message.
func explain(err error, fs *flag.FlagSet, conflict string) error {
	var v *model.ValidationError
	switch {
	case errors.Is(err, model.ErrConflict):
		return errors.New(conflict)
	case errors.As(err, &v):
		return fieldErrors(v, fs)
	}
	return err
}

func fieldErrors(v *model.ValidationError, fs *flag.FlagSet) error {
	cat, err := i18n.Load("en")
	if err != nil {
		return v
	}
	var parts []string
	for _, field := range slices.Sorted(maps.Keys(v.Fields)) {
		name := field
		if fs.Lookup(field) != nil {
			name = "--" + field
		} else if one := strings.TrimSuffix(field, "s"); fs.Lookup(one) != nil {
			name = "--" + one // a list field such as "domains" is a repeated flag
		}
		parts = append(parts, fmt.Sprintf("%s: %s", name, cat.T("en", v.Fields[field])))
	}
	return errors.New(strings.Join(parts, "; "))
}
