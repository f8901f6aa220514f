// Command idemlint-vet runs idemlint's analyzer under go vet:
//
//	go install github.com/idemlint/idemlint/cmd/idemlint-vet@latest
//	go vet -vettool=$(which idemlint-vet) ./...
//
// The analyzer's flags take its name as a prefix:
//
//	go vet -vettool=$(which idemlint-vet) -idemlint.dialect=postgres -idemlint.config=db/.idemlint.yaml ./...
package main

import (
	"golang.org/x/tools/go/analysis/unitchecker"

	"github.com/idemlint/idemlint/analyzer"
)

func main() { unitchecker.Main(analyzer.Analyzer) }
