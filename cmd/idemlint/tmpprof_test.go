package main

import (
	"io"
	"strings"
	"testing"
)

func BenchmarkTmpCorpus(b *testing.B) {
	e := env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard, getenv: func(string) string { return "" }}
	for i := 0; i < b.N; i++ {
		run([]string{"--no-config", "--format", "json", "/work/shared/corpus/postgres"}, e)
	}
}
