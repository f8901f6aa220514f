package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestDockerfile checks what the container image promises, where no
// Docker engine is at hand to build it: pinned base images, the release
// build, a non-root user, /src as the working folder, idemlint as the
// entry point, and no .git in the build context.
func TestDockerfile(t *testing.T) {
	root := filepath.Join("..", "..")
	data, err := os.ReadFile(filepath.Join(root, "Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	// Instructions, with continuation lines joined and comments dropped.
	var instrs []string
	var cur strings.Builder
	for _, line := range strings.Split(string(data), "\n") {
		trimmed := strings.TrimSpace(line)
		if cur.Len() == 0 && (trimmed == "" || strings.HasPrefix(trimmed, "#")) {
			continue
		}
		if strings.HasSuffix(trimmed, "\\") {
			cur.WriteString(strings.TrimSuffix(trimmed, "\\") + " ")
			continue
		}
		cur.WriteString(trimmed)
		instrs = append(instrs, cur.String())
		cur.Reset()
	}
	fromRe := regexp.MustCompile(`^FROM (?:--platform=\S+ )?(\S+)`)
	var stages [][]string
	for _, in := range instrs {
		if m := fromRe.FindStringSubmatch(in); m != nil {
			image := m[1]
			name, tag, ok := strings.Cut(image, ":")
			if !ok || tag == "" || tag == "latest" || name == "" {
				t.Errorf("%s: base image without a pinned tag", in)
			}
			stages = append(stages, nil)
			continue
		}
		if len(stages) == 0 {
			t.Fatalf("instruction before FROM: %s", in)
		}
		stages[len(stages)-1] = append(stages[len(stages)-1], in)
	}
	if len(stages) != 2 {
		t.Fatalf("%d stages, want a build and a final one", len(stages))
	}
	if !strings.Contains(strings.Join(stages[0], "\n"), "go run ./internal/release") {
		t.Error("the build stage does not run the release build (go run ./internal/release)")
	}
	final := map[string]string{}
	for _, in := range stages[1] {
		word, rest, _ := strings.Cut(in, " ")
		final[word] = rest // the last of each kind counts
	}
	if u := final["USER"]; u == "" || u == "root" || strings.HasPrefix(u, "0") {
		t.Errorf("USER %q: the image must not run as root", u)
	}
	if final["WORKDIR"] != "/src" {
		t.Errorf("WORKDIR %q, want /src", final["WORKDIR"])
	}
	if final["ENTRYPOINT"] != `["idemlint"]` {
		t.Errorf(`ENTRYPOINT %s, want ["idemlint"]`, final["ENTRYPOINT"])
	}

	ignore, err := os.ReadFile(filepath.Join(root, ".dockerignore"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(ignore), "\n")
	for _, want := range []string{".git", "dist"} {
		found := false
		for _, l := range lines {
			found = found || strings.TrimSpace(l) == want
		}
		if !found {
			t.Errorf(".dockerignore does not leave out %s", want)
		}
	}
	for _, l := range lines {
		switch strings.TrimSpace(l) {
		case "*.go", "go.mod", "go.sum", "LICENSE", "README.md", "cmd", "internal":
			t.Errorf(".dockerignore leaves out %s, which the build needs", l)
		}
	}
}
