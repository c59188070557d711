// Command pstest serves the Pub/Sub fake of cloud.google.com/go/pubsub/v2 (pstest), the real
// gRPC API kept in memory, on the loopback address given by -addr, until SIGTERM or SIGINT.
// It prints "listening on ADDR" once the port is open, for the tests that start it.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"cloud.google.com/go/pubsub/v2/pstest"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8085", "host:port to listen on (keep it on loopback)")
	flag.Parse()
	// NewServerWithAddress panics when it cannot listen: the process then exits non-zero with the reason.
	server := pstest.NewServerWithAddress(*addr)
	fmt.Printf("listening on %s\n", server.Addr)
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGTERM, syscall.SIGINT)
	<-stop
	if err := server.Close(); err != nil {
		fmt.Fprintf(os.Stderr, "pstest: closing: %v\n", err)
		os.Exit(1)
	}
}
