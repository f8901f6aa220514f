package postgres

import (
	pg "github.com/pganalyze/pg_query_go/v5"
)

// The first parse tree a process decodes makes protobuf unpack the whole
// descriptor of libpg_query's parse tree, about 10 ms. Starting that at
// package initialisation lets it run on another core while the packages
// initialised after this one (the MySQL parser's tables among them) and
// the command's start-up run; a parse that comes sooner waits for it.
func init() {
	go warm()
}

func warm() {
	_ = (&pg.Node{}).ProtoReflect().Descriptor().Fields().Len()
}
