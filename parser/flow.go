package parser

import "github.com/idemlint/idemlint/parser/model"

func readPreconditions(s *model.Script, l layout) {}

func analyse(s *model.Script) {}
