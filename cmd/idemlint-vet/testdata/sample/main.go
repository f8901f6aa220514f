// Command sample runs the migrations.
package main

import (
	"fmt"

	"example.com/sample/migrations"
)

func main() {
	db, err := migrations.Open("postgres://localhost/sample")
	if err != nil {
		panic(err)
	}
	// Not a constant: idemlint says nothing.
	table := "orders"
	_, err = db.Exec(fmt.Sprintf("DROP TABLE %s", table))
	fmt.Println(err)
}
