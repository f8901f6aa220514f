// Command empty does nothing: the bench runs it beside idemlint as the
// cost of starting any Go program on the machine.
package main

func main() {}
